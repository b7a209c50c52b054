"""The geometry of the reports' pictures (the score histogram, the loss per epoch), computed here so that
the templates only place the numbers: no HTML or SVG is built in Python."""
from __future__ import annotations

import math
import statistics
from typing import Any

from .words import UI, students

def _nice_step(span: float, target: int = 5) -> float:
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / target
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def _tick_label(v: float) -> str:
    return f"{v:g}" if abs(v) >= 1e-3 or v == 0 else f"{v:.1e}"


def loss_plot(curve: dict[str, Any], lang: str, width: int = 600, height: int = 260) -> dict[str, Any] | None:
    """The geometry of the loss plot: polyline points per series, axis ticks; None without data."""
    ui = UI[lang]

    def finite(v: Any) -> bool:
        return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)

    series_data = [("student", ui["yours"], curve.get("student") or []),
                   ("reference", ui["reference"], curve.get("reference") or [])]
    values = [v for _, _, vs in series_data for v in vs if finite(v)]
    if not values:
        return None
    every = curve.get("every") if finite(curve.get("every")) and curve.get("every") > 0 else 1
    n = max(len(vs) for _, _, vs in series_data)
    x_max = curve.get("epochs") if finite(curve.get("epochs")) and curve.get("epochs") > 0 else max((n - 1) * every, 1)
    left, right, top, bottom = 52, 14, 14, 44
    pw, ph = width - left - right, height - top - bottom
    y_step = _nice_step(max(max(values), 1e-9))
    y_max = y_step * math.ceil(max(max(values), 1e-9) / y_step)
    x_step = _nice_step(x_max, 4)

    def px(epoch: float) -> float:
        return round(left + pw * min(epoch, x_max) / x_max, 1)

    def py(v: float) -> float:
        return round(top + ph * (1 - max(min(v, y_max), 0) / y_max), 1)

    series = []
    for key, label, vs in series_data:
        segments, current = [], []
        for j, v in enumerate(vs):
            if finite(v):
                current.append(f"{px(j * every)},{py(v)}")
            elif current:
                segments.append(" ".join(current))
                current = []
        if current:
            segments.append(" ".join(current))
        last = next((v for v in reversed(vs) if finite(v)), None)
        series.append({"key": key, "label": label, "segments": segments, "last": last,
                       "missing": any(not finite(v) for v in vs)})
    y_ticks = [{"y": py(k * y_step), "tx": left - 6, "ty": py(k * y_step) + 4, "label": _tick_label(k * y_step)}
               for k in range(int(round(y_max / y_step)) + 1)]
    x_ticks = [{"x": px(k * x_step), "ty": height - bottom + 16, "label": _tick_label(k * x_step)}
               for k in range(int(x_max // x_step) + 1)]
    mine, ref = series[0]["last"], series[1]["last"]
    return {"width": width, "height": height, "left": left, "right": width - right, "top": top,
            "bottom": height - bottom, "series": series, "y_ticks": y_ticks, "x_ticks": x_ticks,
            "x_label": ui["epoch"], "x_label_x": left + pw / 2, "x_label_y": height - 8,
            "summary": ui["final_loss"].format(yours=f"{mine:.3g}" if mine is not None else "—",
                                               reference=f"{ref:.3g}" if ref is not None else "—"),
            "missing": series[0]["missing"] and bool(curve.get("student"))}


def histogram(scores: list[float], max_score: float, lang: str, width: int = 600,
              height: int = 200) -> dict[str, Any]:
    """Score bins (one per point up to 20 points, else tenths) and their bars' geometry."""
    ui = UI[lang]
    if max_score <= 0:
        max_score = 1.0
    if max_score <= 20:
        nb, bin_width = int(math.floor(max_score)) + 1, 1.0
        labels = [str(k) for k in range(nb)]
    else:
        nb, bin_width = 10, max_score / 10
        labels = [f"{k * 10}%" for k in range(nb)]
    counts = [0] * nb
    for s in scores:
        counts[max(0, min(nb - 1, int(math.floor(s / bin_width + 1e-9))))] += 1
    left, right, top, bottom = 36, 10, 34, 40
    pw, ph = width - left - right, height - top - bottom
    peak = max(counts + [1])
    slot = pw / nb
    bars = []
    for k, n in enumerate(counts):
        h = ph * n / peak
        bars.append({"x": round(left + k * slot + slot * 0.1, 1), "w": round(slot * 0.8, 1),
                     "y": round(top + ph - h, 1), "h": round(h, 1), "count": n, "ty": round(top + ph - h - 4, 1),
                     "cx": round(left + k * slot + slot / 2, 1), "label": labels[k],
                     "title": f"{labels[k]}: {students(n, ui)}"})
    mean = statistics.fmean(scores) if scores else 0.0
    # a bin spans [k, k + 1) points: the mean sits where its score would fall inside its bin
    mean_x = round(left + slot * min(mean / bin_width, nb), 1) if scores else None
    y_step = max(1, int(_nice_step(peak, 4)))
    return {"width": width, "height": height, "left": left, "right": width - right, "top": top,
            "bottom": top + ph, "bars": bars, "axis": ui["histogram_axis"], "axis_x": left + pw / 2,
            "axis_y": height - 6, "label_y": top + ph + 16,
            "mean_x": mean_x, "mean_tx": min(max((mean_x or 0) + 4, left), width - right - 90), "mean_ty": 12, "mean_y1": 16,
            "mean_label": f"{ui['mean']} {mean:.2f}",
            "y_ticks": [{"y": round(top + ph - ph * k / peak, 1), "tx": left - 6,
                         "ty": round(top + ph - ph * k / peak + 4, 1), "label": str(k)}
                        for k in range(0, peak + 1, y_step)]}
