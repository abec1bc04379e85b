"""Plain-text formulas in figure labels drawn as math: `|y_t|` → $|y_t|$, `ε(1+2η)^t` → $ε(1+2η)^t$.

The demos write their labels in plain Unicode (`‖w_k‖`, `ρ^k`, `r_i`), which reads well in JSON
and on the CLI but shows the underscores and carets literally on a figure. `math_label` finds
the formula words (a one-letter base with a subscript or a superscript, and the bars around
them) and wraps them in matplotlib mathtext. Identifiers with underscores (`running_mean`,
`fan_in`, `max_lr`) are not formulas and stay as they are.

matplotlib draws a string that holds a `$` entirely with its mathtext fonts, which have no
Chinese glyphs, so a label with Chinese text gets Unicode sub- and superscripts instead
(`x_t` → xₜ) where Unicode has them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a formula is first checked, not with the module
    from matplotlib.mathtext import MathTextParser

# a letter that starts a formula word: one letter (Latin, Greek, ...) not preceded by a letter
_LETTER = r"[^\W\d_]"
_SCRIPT = re.compile(rf"(?<![^\W\d_ΔΘ∂∇]){_LETTER}[\u0302\u0303]?\*?[_^]|\)[_^]|[|‖]\^|(?<![\w.])\d\^\(")
_SUB = str.maketrans("0123456789+−-=()aeoxhklmnpstij", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼ")
_SUP = str.maketrans("0123456789+−-=()nitk", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱᵗᵏ")
# base (one letter not after a letter, or a closing bracket/bar), mark, group
_UNICODE_SCRIPT = re.compile(rf"((?<![^\W\d_ΔΘ∂∇]){_LETTER}|[)|‖])([_^])(\([^()]*\)|[A-Za-z0-9]+)")
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
_ESCAPE = {"#": r"\#", "%": r"\%", "&": r"\&", "~": r"\~{}", " ": r"\ ", "{": r"\{", "}": r"\}"}


def math_label(text: str) -> str:
    """`text` with its formula words in mathtext (or in Unicode scripts next to Chinese)."""
    return _convert(text) if text else text


@lru_cache(maxsize=4096)
def _convert(text: str) -> str:
    if "$" in text or not _SCRIPT.search(text):
        return text  # already mathtext, or nothing that looks like a formula
    if _CJK.search(text):
        return _unicode_scripts(text)
    out = _wrap_formulas(text)
    # matplotlib parses each line of a text on its own, so a formula must not span lines
    return out if all(_parses(line) for line in out.split("\n")) else _unicode_scripts(text)


def _wrap_formulas(text: str) -> str:
    """Wrap each whitespace-separated formula word (and the words up to its closing bar) in $…$."""
    tokens = re.split(r"(\s+)", text)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not token.strip() or "\n" in token or not _SCRIPT.search(token):
            out.append(token)
            i += 1
            continue
        # a formula that opens a bar in this word runs to the word that closes it: "|w_t − w*|"
        span = [token]
        for bar in "|‖":
            if token.count(bar) % 2 == 1:
                j = i + 1
                while (j < len(tokens) and tokens[j].count(bar) % 2 == 0 and j - i < 8
                       and "\n" not in tokens[j]):
                    j += 1
                if j < len(tokens) and "\n" not in tokens[j]:
                    span = tokens[i:j + 1]
                    i = j
                break
        lead, body, tail = _split_punctuation("".join(span))
        out.append(f"{lead}${_to_mathtext(body)}${tail}")
        i += 1
    return "".join(out)


def _split_punctuation(word: str) -> tuple[str, str, str]:
    """Leading/trailing characters that belong to the sentence, not the formula: ",", ":", and
    a bracket the formula does not open or close itself."""
    lead, tail = "", ""
    while word and word[-1] in ",;:.，：；" and not word.endswith(".."):
        word, tail = word[:-1], word[-1] + tail
    while word.endswith(")") and word.count(")") > word.count("("):
        word, tail = word[:-1], ")" + tail
    while word.startswith("(") and word.count("(") > word.count(")"):
        word, lead = word[1:], lead + "("
    return lead, word, tail


def _to_mathtext(body: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(body):
        c = body[i]
        if c in "_^" and i + 1 < len(body):
            group, i = _script_group(body, i + 1)
            inner = "".join(_ESCAPE.get(g, g) for g in group)
            if len(group) > 1 and group.isalpha() and group.isascii():
                inner = r"\mathrm{" + inner + "}"  # a word as a subscript (λ_max) is upright
            out.append(c + "{" + inner + "}")
            continue
        word = re.match(r"[A-Za-z]{2,}", body[i:])
        if word and (i == 0 or not body[i - 1].isalpha()):  # "lr" in a formula is a name, upright
            out.append(r"\mathrm{" + word.group(0) + "}")
            i += word.end()
            continue
        if c == "*" and out and re.match(_LETTER, out[-1][-1:] or " "):
            out.append("^*")  # w* is w-star, not a product
        else:
            out.append(_ESCAPE.get(c, c))
        i += 1
    return "".join(out)


def _script_group(body: str, start: int) -> tuple[str, int]:
    """The sub/superscript starting at `start`: a bracketed group (brackets dropped) or a run of
    letters and digits; returns it and the index after it."""
    if body[start] == "(":
        depth = 0
        for j in range(start, len(body)):
            depth += {"(": 1, ")": -1}.get(body[j], 0)
            if depth == 0:
                return body[start + 1:j], j + 1
        return body[start + 1:], len(body)
    j = start
    while j < len(body) and (body[j].isalnum() and body[j] not in "₀₁₂₃₄₅₆₇₈₉"):
        j += 1
    if j == start:  # "^*" or a lone symbol: one character
        j = start + 1
    return body[start:j], j


def _unicode_scripts(text: str) -> str:
    """x_t → xₜ and β^k → βᵏ where every character has a Unicode script form; others unchanged."""
    def swap(match: re.Match[str]) -> str:
        base, mark, group = match.group(1), match.group(2), match.group(3)
        inner = group[1:-1] if group.startswith("(") and group.endswith(")") else group
        converted = inner.translate(_SUB if mark == "_" else _SUP)
        if any(a == b for a, b in zip(inner, converted)):
            return match.group(0)  # a character without a script form: leave the whole group
        return base + converted

    return _UNICODE_SCRIPT.sub(swap, text)


@lru_cache(maxsize=1)
def _parser() -> MathTextParser:
    from matplotlib.mathtext import MathTextParser

    return MathTextParser("path")


def _parses(text: str) -> bool:
    if "$" not in text:
        return True
    try:
        _parser().parse(text)
    except ValueError:
        return False
    return True
