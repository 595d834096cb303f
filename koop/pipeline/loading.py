"""Loading models (knowledge base, tokenizer, tagger) without the garbage collector's
rescans; the runner and the stages that load lazily share it."""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def loading_models():
    """Load models (knowledge base, tokenizer, tagger) without cyclic garbage collection,
    then keep the collector from scanning them again.

    Loading makes millions of long-lived objects and no garbage, and each full
    collection would traverse them all: collections took a third of koop's start-up
    and (after it) 5% of extraction. ``gc.freeze()`` moves every object alive at
    the end into the permanent generation (reference counting still frees them).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.freeze()
