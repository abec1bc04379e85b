"""Several clients on one PostgreSQL collection (issue 18): answers never overwrite each other.

Each answer locks its card's state row (services/study.py: _answer_in, SELECT ... FOR UPDATE) in
the transaction that appends its review-log row; a second client answering the same card waits
for the first one's commit and applies its answer to the state that commit left. So the log holds
every answer exactly once and the stored states are what replaying the log serially with the
reference rule (domain/review.py: review_card) gives.
"""
from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from quizapp.domain.sm2 import CardState
from quizapp.services.database import open_database
from quizapp.services.importer import import_deck
from quizapp.store.models import ReviewLogRow
from tests.support import NOW, replay_mismatches

CLIENTS = 4
ANSWERS = 500  # per client
CARDS = 40  # few cards for many answers: clients keep answering the same card at the same moment

CLIENT = r"""
import random, sys, time
from datetime import datetime, timedelta
from quizapp.domain.sm2 import CardState
from quizapp.services.database import open_database
from quizapp.services.study import StudyService
url, client, answers, start_at = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
cards = sys.argv[5].split(",")
study = StudyService(open_database(url, create=False))
rng = random.Random(client)
now = datetime.fromisoformat(sys.argv[6])
while time.time() < start_at:  # every client starts at the same moment
    pass
for i in range(answers):
    card, grade = rng.choice(cards), rng.randint(0, 5)
    outcome = study.answer(card, grade, now + timedelta(seconds=i, milliseconds=client))
    print(outcome.log_id, card, grade, flush=True)
"""


def write_deck(folder: Path, n: int) -> list[str]:
    ids = [f"shared-{i:03d}" for i in range(n)]
    folder.mkdir()
    (folder / "shared.toml").write_text("\n".join(
        f'[[card]]\nid = "{card_id}"\nsection = "7.1"\nkind = "qa"\nfront.zh = "问 {card_id}"\n'
        f'front.en = "Q {card_id}"\nback.zh = "答"\nback.en = "A"\n' for card_id in ids), encoding="utf-8")
    return ids


def test_four_clients_answering_the_same_cards_lose_no_answer(pg_url: str, tmp_path: Path) -> None:
    db = open_database(pg_url)
    cards = write_deck(tmp_path / "deck", CARDS)
    import_deck(db, [tmp_path / "deck"], now=NOW)
    start_at = time.time() + 4  # after every client has imported and connected
    clients = [subprocess.Popen([sys.executable, "-c", CLIENT, pg_url, str(c), str(ANSWERS), str(start_at),
                                 ",".join(cards), NOW.isoformat()], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True) for c in range(CLIENTS)]
    outputs = [c.communicate(timeout=600) for c in clients]
    assert [c.returncode for c in clients] == [0] * CLIENTS, [err[-2000:] for _, err in outputs]
    reported = [tuple(line.split()) for out, _ in outputs for line in out.splitlines()]
    answered = {(int(log_id), card, int(grade)) for log_id, card, grade in reported}
    assert len(reported) == len(answered) == CLIENTS * ANSWERS
    with db.read_session() as session:
        logged = session.execute(select(ReviewLogRow.id, ReviewLogRow.card_id, ReviewLogRow.grade)).all()
    # every answer in the log exactly once, as its client was told
    assert Counter(map(tuple, logged)) == Counter(answered)
    # and the states are the serial replay of the log, from the new cards the import made
    assert replay_mismatches(db, start=CardState().to_dict()) == []
    # the clients did answer the same cards in the same moments: the guard had work to do
    per_card = Counter(card for _, card, _ in answered)
    assert len(per_card) == CARDS and min(per_card.values()) > 20
    db.close()
