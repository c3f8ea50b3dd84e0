"""The sentences that say how a visit's units were shared out, one per explanation step.

The units engine (macros/units.py) writes the explanation as steps, each a `kind` with the
numbers and codes it names; this module holds the one sentence per kind. The calculator
gets the same templates through its rules JSON (calculator.js fills them in the browser
the way `sentence` does here), and the units page uses them for its worked examples.

Template syntax, kept small so that two renderers (this one and calculator.js) agree:
`{name}` is the step's value (a list of codes reads "97110, 97112 and 97140");
`{name|word}` is the number with the word after it, plural unless the number is 1
("{left|minute}" -> "1 minute", "5 minutes").
"""

from __future__ import annotations

import re

from ..units import STEP_KINDS, TIE_RULE

STEP_SENTENCES: dict[str, str] = {
    "total": "The timed codes add up to {minutes|minute}, which falls in the {first}–{last} minute row of "
             "the units table: {units|timed unit} for the day.",
    "total-under-8": "The timed codes add up to {minutes|minute}: under 8 minutes, so the day has no timed unit.",
    "full": "{code}: {minutes|minute} make {full|full 15-minute unit}, with {left|minute} left over.",
    "full-exact": "{code}: {minutes|minute} make exactly {full|full 15-minute unit}, with nothing left over.",
    "full-none": "{code}: {minutes|minute} {minutes|is|are} less than a full 15-minute unit, so {minutes|it is|all are} "
                 "left over.",
    "left-to-share": "The full units come to {full} of the day's {units}, so {left|unit} {left|is left|are left} "
                     "for the minutes left over.",
    "nothing-left": "The full units already make up the day's {units|unit}, so the minutes left over earn "
                    "nothing more.",
    "award-most-left": "A leftover unit goes to {code}: its {left|minute} left over {left|is|are} more than those of any "
                       "code that gets none.",
    "award-all": "A leftover unit goes to {code} for its {left|minute} left over: there is one for every code "
                 "with minutes left over.",
    "award-more-minutes": "A leftover unit goes to {code}: it has as many minutes left over ({left}) as {other}, "
                          "but more minutes in all ({minutes} against {other_minutes}).",
    "award-code-order": "A leftover unit goes to {code}: it ties with {other} on minutes left over ({left}) and "
                        "on minutes in all ({minutes}), and {code} sorts first.",
    "no-award": "{code} gets no leftover unit: its {left|minute} left over {left|is|are} fewer than those of the codes "
                "that got one.",
    "no-award-tie": "{code} gets no leftover unit: it lost the tie described below.",
    "tie": "Tie: {codes} have the same minutes left over ({left}), and only {units|leftover unit} went to them, "
           "so the tie rule decided. " + TIE_RULE,
    "per-code": "Each timed code is counted on its own minutes: nothing is pooled, and a code needs 8 minutes "
                "of its own for a unit.",
    "own": "{code}: {minutes|minute} fall in the {first}–{last} minute row: {units|unit}.",
    "own-under-8": "{code}: {minutes|minute} {minutes|is|are} under 8 minutes, so no unit.",
    "no-minutes": "{code}: no minutes entered, so it counts for nothing yet.",
    "no-timed": "No timed code is on this visit, so no minutes are added up.",
    "untimed-session": "{code} is untimed: 1 unit whatever its length, and its {minutes|minute} {minutes|does|do} not count "
                       "toward the timed total.",
    "untimed-regions": "{code} is chosen by the number of body regions treated: 1 unit, and its {minutes|minute} "
                       "{minutes|does|do} not count toward the timed total.",
}

assert STEP_SENTENCES.keys() == STEP_KINDS.keys(), "one sentence per kind of step (macros/units.py STEP_KINDS)"

_FIELD = re.compile(r"\{(\w+)(?:\|([^|}]+)(?:\|([^}]+))?)?\}")


def _list_words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def sentence(step: dict, templates: dict[str, str] = STEP_SENTENCES) -> str:
    """One step as a sentence. `{n|word}`: "1 word" / "n words"; `{n|one|many}`: the first
    form when n is 1, else the second, without the number."""

    def fill(match: re.Match[str]) -> str:
        value = step[match.group(1)]
        one, many = match.group(2), match.group(3)
        if one is None:
            return _list_words([str(v) for v in value]) if isinstance(value, list) else str(value)
        if many is not None:
            return one if value == 1 else many
        return f"{value} {one}" if value == 1 else f"{value} {one}s"

    return _FIELD.sub(fill, templates[step["kind"]])


def sentences(explanation: list[dict]) -> list[str]:
    """Every step of an explanation as a sentence, in order."""
    return [sentence(step) for step in explanation]
