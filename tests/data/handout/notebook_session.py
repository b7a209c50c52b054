"""What `%run -i check.py` does in a notebook, without IPython: check.py run in the notebook's namespace.

    python -I notebook_session.py HANDOUT_DIR CELLS.py

The namespace is first filled by running CELLS.py (the notebook's cells, as the student ran them),
then check.py runs in it as IPython's %run -i would (same globals, __name__ "__main__", __file__ set,
sys.argv the script and its arguments).  Prints the names check.py left behind.
"""
import sys
from pathlib import Path

handout, cells = Path(sys.argv[1]), Path(sys.argv[2])
namespace = {"__name__": "__main__", "get_ipython": lambda: None}
exec(compile(cells.read_text("utf-8"), "<ipython-input-1>", "exec"), namespace)
script = handout / "check.py"
sys.argv = [str(script), "--lang", "en"]
namespace["__file__"] = str(script)
exec(compile(script.read_text("utf-8"), str(script), "exec"), namespace)
left = sorted(k for k in namespace if not k.startswith("_") and k != "get_ipython")
print("left in the namespace: " + ", ".join(left))
