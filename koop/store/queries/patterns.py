"""SQL LIKE patterns shared by the searches."""
from __future__ import annotations


def like_pattern(text: str) -> str:
    """``%text%`` with LIKE's wildcards escaped (``escape="\\"``)."""
    esc = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{esc}%"
