"""The student's handout: the package (``build.py``) and the stub as a notebook (``notebook.py``)."""
from .build import BuildError, build, check, public_config
from .notebook import notebook

__all__ = ["BuildError", "build", "check", "notebook", "public_config"]
