"""`quizapp quiz`: a quiz in the terminal. Questions are printed and answers read line by line
from stdin, so it works on a headless machine and with piped input:

    mcq    the option's number (1-6)
    cloze  one line per blank (c1, c2, ...)
    qa     an optional typed answer (Enter reveals the model answer), then a self-grade 0-5
           or again/hard/good/easy

Each answer is committed as it is given; if input ends early the remaining questions stay
unanswered (they score 0) and the report is printed all the same. With --json the prompts go
to stderr and the final report, as JSON, to stdout.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

from quizapp.domain.catalogue import SECTIONS
from quizapp.domain.content import Bilingual, Card
from quizapp.domain.quiz import (ChoiceAnswer, Response, SelfGrade, TypedAnswer, cloze_answers, miss_explanation,
                                 question_text)
from quizapp.domain.sm2 import parse_grade
from quizapp.i18n.cli import Cli, pad, translate

if TYPE_CHECKING:  # the services pull in SQLAlchemy: imported when the command runs
    from quizapp.domain.quiz import SectionScore
    from quizapp.services.quiz import AnswerRecord, QuizReport, QuizRun, QuizService, SessionScore


def _csv(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(",") if p.strip())


def register(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("quiz", help=translate("Cli", "run a quiz in the terminal (answers typed on stdin)"),
                       description=translate("Cli", "Run a quiz in the terminal: mcq by number, cloze typed, qa "
                                                    "revealed and self-graded 0-5. Piped stdin works (one answer "
                                                    "per line)."))
    p.add_argument("--sections", type=_csv, default=(), metavar="7.2,7.5",
                   help=translate("Cli", "sections to draw from (default: all of {sections})").format(
                       sections=", ".join(SECTIONS)))
    p.add_argument("--kinds", type=_csv, default=(), metavar="mcq,cloze",
                   help=translate("Cli", "card kinds: qa, cloze, mcq (default: all)"))
    p.add_argument("--size", type=int, default=10, help=translate("Cli", "number of questions (default: 10)"))
    p.add_argument("--seed", type=int, default=None,
                   help=translate("Cli", "draw the same quiz again with the same seed"))
    p.add_argument("--lang", choices=("zh", "en", "both"), default=None,
                   help=translate("Cli", "the cards' language (default: the setting)"))
    p.add_argument("--deck", default=None, metavar="NAME",
                   help=translate("Cli", "only this deck and its sub-decks"))
    p.add_argument("--history", action="store_true",
                   help=translate("Cli", "show past scores and the weakest sections instead"))
    common(p)
    p.set_defaults(handler=cmd_quiz)


def cmd_quiz(args: argparse.Namespace) -> int:
    from quizapp.cli import _open_db, _print_json, parse_now
    from quizapp.services.clock import local_now
    from quizapp.services.quiz import QuizService

    fixed_now = parse_now(args.now) if args.now else None
    db = _open_db(args)
    service = QuizService(db)
    if args.history:
        history, weakest = service.history(), service.weakest_sections()
        if args.json:
            _print_json({"history": [h.to_dict() for h in history], "weakest": [w.to_dict() for w in weakest]})
        else:
            print(render_history(history, weakest))
        return 0
    clock = (lambda: fixed_now) if fixed_now is not None else local_now
    if args.deck is not None:
        from quizapp.services.decks import DecksService

        DecksService(db).check_filter(args.deck)
    run = service.start(clock(), args.sections, args.kinds, args.size, args.seed, args.lang, deck=args.deck)
    out = sys.stderr if args.json else sys.stdout
    TerminalQuiz(service, run, sys.stdin, out, clock).play()
    report = service.finish(run.session_id, clock())
    if args.json:
        _print_json(report.to_dict())
    else:
        print(render_report(report), file=out)
    return 0


class TerminalQuiz:
    """Asks each item of a started quiz on `out` and reads the answers from `inp`."""

    def __init__(self, service: QuizService, run: QuizRun, inp: TextIO, out: TextIO,
                 clock: Callable[[], datetime]) -> None:
        self.service, self.run, self.inp, self.out, self.clock = service, run, inp, out, clock

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def read(self, prompt: str) -> str | None:
        """One line of input without its newline; None at end of input."""
        self.out.write(prompt)
        self.out.flush()
        line = self.inp.readline()
        if not line:
            self.out.write("\n")
            return None
        answer = line.rstrip("\r\n")
        if not self.inp.isatty():  # piped input is not echoed: write it so the transcript reads right
            self.out.write(answer + "\n")
        return answer

    def play(self) -> None:
        run = self.run
        where = ", ".join(run.sections) or translate("Cli", "all sections")
        self.say(Cli.tr("Quiz: %n question(s) from {where} (seed {seed}). End input (Ctrl-D) to stop early.", "",
                        len(run.items)).format(where=where, seed=run.seed))
        for item in run.items:
            card = item.card
            self.say()
            self.say(f"[{item.position + 1}/{len(run.items)}] {card.section} "
                     f"{_section_title(card.section)} · {card.kind}")
            started = time.monotonic()
            response = {"mcq": self.ask_mcq, "cloze": self.ask_cloze, "qa": self.ask_qa}[card.kind](card)
            if response is None:
                left = len(run.items) - item.position
                print(Cli.tr("quizapp: input ended; %n question(s) left unanswered", "", left), file=sys.stderr)
                return
            elapsed_ms = int((time.monotonic() - started) * 1000)
            record = self.service.answer(item.item_id, response, self.clock(), elapsed_ms)
            self.show_result(card, record)

    def ask_mcq(self, card: Card) -> Response | None:
        self.say(question_text(card, self.run.lang))
        for i, choice in enumerate(card.choices):
            self.say(f"  {i + 1}. {_pick(choice.text, self.run.lang)}")
        n = len(card.choices)
        while (line := self.read(translate("Cli", "answer (1-{n})> ").format(n=n))) is not None:
            if line.strip().isdigit() and 1 <= int(line.strip()) <= n:
                return ChoiceAnswer(int(line.strip()) - 1)
            self.say(translate("Cli", "type a number from 1 to {n}").format(n=n))
        return None

    def ask_cloze(self, card: Card) -> Response | None:
        self.say(question_text(card, self.run.lang))
        typed: dict[int, str] = {}
        for number in cloze_answers(card):
            line = self.read(f"c{number}> ")
            if line is None:
                return None
            typed[number] = line
        return TypedAnswer(typed)

    def ask_qa(self, card: Card) -> Response | None:
        self.say(question_text(card, self.run.lang))
        typed = self.read(translate("Cli", "your answer (optional; Enter shows the model answer)> "))
        if typed is None:
            return None
        self.say(translate("Cli", "Model answer:"))
        self.say(_indent(_pick(card.back, self.run.lang, "\n")))
        while (line := self.read(translate("Cli", "grade yourself 0-5 (or again/hard/good/easy)> "))) is not None:
            try:
                return SelfGrade(int(parse_grade(line)), typed)
            except ValueError as exc:
                self.say(str(exc))
        return None

    def show_result(self, card: Card, record: AnswerRecord) -> None:
        g = record.grade
        if g.correct:
            self.say(translate("Cli", "✓ right"))
            return
        if g.blanks and g.score:
            verdict = translate("Cli", "✗ partly right ({right} of {n} blanks)").format(
                right=round(g.score * len(g.blanks)), n=len(g.blanks))
        else:
            verdict = translate("Cli", "✗ missed")
        self.say(verdict + (translate("Cli", "; it is due again today") if record.fed_back else ""))
        if card.kind != "qa":  # a qa card's model answer was just shown
            for line in miss_explanation(card, g, self.run.lang):
                self.say(_indent(line))


def _section_title(section: str) -> str:
    """The section's title in the CLI's language (the catalogue has both)."""
    from quizapp.i18n.cli import cli_language

    zh, en = SECTIONS.get(section, ("", ""))
    return zh if cli_language() == "zh" else en


def _pick(value: Bilingual, lang: str, sep: str = " / ") -> str:
    return value.get(lang) if lang in ("zh", "en") else sep.join(dict.fromkeys((value.zh, value.en)))


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def render_report(report: QuizReport) -> str:
    s = report.summary
    lines = ["", translate("Cli", "Score: {points}/{total} ({percent}%) · {right} right, {missed} missed, "
                                  "{unanswered} unanswered").format(
        points=f"{s.points:g}", total=s.total, percent=f"{s.percent:.0f}", right=s.correct,
        missed=s.answered - s.correct, unanswered=s.total - s.answered)]
    for sec in s.by_section:
        lines.append(f"  {sec.section} {pad(_section_title(sec.section), 28)} "
                     + translate("Cli", "{right}/{n} right ({percent}%)").format(
                         right=sec.correct, n=sec.items, percent=f"{sec.percent:.0f}"))
    if report.misses:
        lines.append("")
        lines.append(translate("Cli", "To review:"))
    for item in report.misses:
        lines.append(f"- [{item.position + 1}] {item.card.id} ({item.card.section} {item.card.kind})"
                     + (translate("Cli", "  → due again today") if item.fed_back else ""))
        for text in miss_explanation(item.card, item.grade, report.lang):
            lines.append(_indent(text))
        if item.card.demo is not None:
            sets = "".join(f" --set {k}={v}" for k, v in item.card.demo.params.items())
            lines.append("    " + translate("Cli", "demo: {command}").format(
                command=f"quizapp demo run {item.card.demo.id}{sets}"))
    return "\n".join(lines)


def render_history(history: list[SessionScore], weakest: list[SectionScore]) -> str:
    if not history:
        return translate("Cli", "no quizzes yet (run 'quizapp quiz')")
    lines = [translate("Cli", "Recent quizzes:")]
    for h in history:
        s = h.summary
        parts = ", ".join(f"{x.section} {x.percent:.0f}%" for x in s.by_section)
        lines.append(f"  {h.started_at.astimezone():%Y-%m-%d %H:%M}  {h.mode:4}  {s.percent:5.1f}%  "
                     + translate("Cli", "({answered}/{n} answered)").format(answered=s.answered, n=s.total)
                     + f"  {parts}")
    lines.append(translate("Cli", "Weakest sections (latest answers):") if weakest
                 else translate("Cli", "Weakest sections: not enough answers yet"))
    for w in weakest:
        lines.append(f"  {w.section} {pad(_section_title(w.section), 28)} {w.percent:5.1f}% "
                     + Cli.tr("over %n answer(s)", "", w.items))
    return "\n".join(lines)
