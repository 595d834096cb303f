"""Pipeline stages. Each module defines one stage with a ``make_<stage>`` factory."""
