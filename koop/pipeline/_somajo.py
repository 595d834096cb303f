r"""Speed-ups for SoMaJo that leave its output unchanged.

Profiling koop showed SoMaJo spending most of its time outside tokenization
proper:

- ``Tokenizer._split_emojis`` walks every grapheme of a paragraph and calls
  ``regex.search(pattern_string, grapheme)`` on each: the module-level call
  looks the pattern up in regex's cache (flag arithmetic on enums) every time.
  A paragraph without any emoji character cannot produce an emoji token, so
  one precompiled search over the paragraph decides that the walk would find
  nothing, and the walk only runs when it might;
- ``alignment._determine_offsets`` calls ``regex.sub(r"\s", ...)`` per token,
  with the same lookup cost: the ``regex`` module SoMaJo's modules use is
  replaced by a proxy whose module-level functions use a plain dict of
  compiled patterns (same patterns, same flags, so the same matches);
- ``alignment.token_offsets`` builds three per-character dicts mapping NFC
  positions to input positions; when the paragraph is already in NFC (almost
  always) they are identities, and the offsets are returned directly;
- ``Tokenizer._split_abbreviations`` scans the paragraph with a regex that
  tries a 1,200-way alternation of abbreviations at every position. Every
  abbreviation has a "." among its first 21 characters (checked against
  SoMaJo's list when installed), so the same pattern behind the lookahead
  ``(?=(?s:.){0,20}\.)`` finds exactly the same matches and rejects most
  positions at once. Text without any "." is not scanned at all by the
  abbreviation patterns, nor text without "+"/"&" by the pattern of tokens
  with an ampersand.

Everything falls back to SoMaJo's own code whenever a shortcut's condition
does not hold; tests/test_speedups.py compares against unpatched SoMaJo.
"""
from __future__ import annotations

import unicodedata

import regex

# every character that can make SoMaJo's emoji splitter cut a token
_EMOJI_CHARS = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Presentation}\uFE0F]")


class _CompiledRegexModule:
    """The ``regex`` module, with module-level match functions served from a dict of
    compiled patterns instead of regex's (slower) per-call cache lookup."""

    def __init__(self) -> None:
        self._patterns: dict[tuple[str, int], object] = {}

    def __getattr__(self, name: str):
        return getattr(regex, name)

    def _compiled(self, pattern, flags):
        key = (pattern, flags)
        compiled = self._patterns.get(key)
        if compiled is None:
            compiled = self._patterns[key] = regex.compile(pattern, flags)
        return compiled

    def search(self, pattern, string, flags=0, *args, **kwargs):
        if args or kwargs or type(pattern) is not str or type(flags) is not int:
            return regex.search(pattern, string, flags, *args, **kwargs)
        return self._compiled(pattern, flags).search(string)

    def match(self, pattern, string, flags=0, *args, **kwargs):
        if args or kwargs or type(pattern) is not str or type(flags) is not int:
            return regex.match(pattern, string, flags, *args, **kwargs)
        return self._compiled(pattern, flags).match(string)

    def finditer(self, pattern, string, flags=0, *args, **kwargs):
        if args or kwargs or type(pattern) is not str or type(flags) is not int:
            return regex.finditer(pattern, string, flags, *args, **kwargs)
        return self._compiled(pattern, flags).finditer(string)

    def sub(self, pattern, repl, string, count=0, flags=0, *args, **kwargs):
        if args or kwargs or type(pattern) is not str or type(flags) is not int:
            return regex.sub(pattern, repl, string, count, flags, *args, **kwargs)
        return self._compiled(pattern, flags).sub(repl, string, count)


class _Guarded:
    """A compiled pattern that can only match text containing one of ``needles``:
    ``finditer`` on other text returns no match without running the pattern."""

    __slots__ = ("pattern", "needles", "groupindex")

    def __init__(self, pattern, needles: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.needles = needles
        self.groupindex = pattern.groupindex

    def __getattr__(self, name: str):
        return getattr(self.pattern, name)

    def finditer(self, string, *args, **kwargs):
        for needle in self.needles:
            if needle in string:
                return self.pattern.finditer(string, *args, **kwargs)
        return iter(())


def _guard_patterns(inner) -> None:
    """Wrap the abbreviation patterns of a SoMaJo ``Tokenizer`` in :class:`_Guarded`,
    each only if every alternative of the pattern provably contains the needle."""
    from somajo import utils

    lang = inner.language[:2]
    abbreviations = utils.read_abbreviation_file(f"abbreviations_{lang}.txt", to_lower=True)
    single_token = utils.read_abbreviation_file(f"single_token_abbreviations_{lang}.txt")
    plus_amp = utils.read_abbreviation_file("tokens_with_plus_or_ampersand.txt")
    dot_patterns = {
        "abbreviation": all("." in a for a in abbreviations),  # (?:\p{L}\.){2,} | abbreviations
        "single_token_abbreviation": all("." in a for a in single_token),
        "single_letter_ellipsis": True,  # \p{L}\.{3}
        "str_abbreviations": True,  # [\p{L}-]+str\.
        "nr_abbreviations": True,  # \w+\.-?Nr\.
        "single_letter_abbreviation": True,  # \p{L}\.
        "ps": True,  # \bps\.
    }
    for name, ok in dot_patterns.items():
        pattern = getattr(inner, name, None)
        if ok and pattern is not None and not isinstance(pattern, _Guarded):
            setattr(inner, name, _Guarded(pattern, (".",)))
    pattern = getattr(inner, "token_with_plus_ampersand", None)
    if pattern is not None and not isinstance(pattern, _Guarded) \
            and all("+" in t or "&" in t for t in plus_amp):
        inner.token_with_plus_ampersand = _Guarded(pattern, ("+", "&"))
    # A match of the abbreviation pattern is a run of abbreviations and letter + "."
    # pairs, so it has a "." within its first reach + 1 characters. (SoMaJo 2.x's
    # pattern starts with a lookbehind; any other shape is left alone.)
    guarded = inner.abbreviation
    if isinstance(guarded, _Guarded) and guarded.pattern.pattern.startswith("(?<!"):
        reach = max([1] + [a.index(".") for a in abbreviations])
        source = guarded.pattern.pattern
        guarded.pattern = regex.compile(f"(?=(?s:.){{0,{reach}}}\\.)(?:{source})",
                                        guarded.pattern.flags)


# SoMaJo's own module attributes, kept for tests that compare against them
ORIGINALS: dict[str, object] = {}


def _install_modules() -> None:
    from somajo import alignment
    from somajo import tokenizer as tokenizer_module

    if ORIGINALS:
        return
    ORIGINALS.update(alignment_re=alignment.re, tokenizer_re=tokenizer_module.re,
                     token_offsets=alignment.token_offsets)
    original_offsets = alignment.token_offsets

    def token_offsets(token_list, raw, position, xml_input, tokens):
        if xml_input or unicodedata.normalize("NFC", raw) != raw:
            return original_offsets(token_list, raw, position, xml_input, tokens)
        offsets = alignment._determine_offsets(tokens, raw, position)
        n = len(raw)
        if any(s < 0 or s >= n or e < 1 or e > n for s, e in offsets):
            return original_offsets(token_list, raw, position, xml_input, tokens)  # (raises)
        return [(s + position, e + position) for s, e in offsets]

    proxy = _CompiledRegexModule()
    alignment.re = proxy
    tokenizer_module.re = proxy
    alignment.token_offsets = token_offsets


def install(somajo) -> None:
    """Apply the speed-ups to SoMaJo's modules (once) and to the ``SoMaJo`` instance."""
    _install_modules()
    inner = somajo._tokenizer
    split_emojis = type(inner)._split_emojis

    def _split_emojis(node, token_class: str = "emoticon") -> None:
        if _EMOJI_CHARS.search(node.value.text) is None:
            return  # no emoji character: SoMaJo's grapheme walk would find no boundary
        split_emojis(inner, node, token_class)

    inner._split_emojis = _split_emojis
    _guard_patterns(inner)
