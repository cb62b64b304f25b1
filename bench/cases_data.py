"""Fill a case log with generated cases, for the `cases list` and `cases due` timings."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from walletcomplain.store import Store

PROVIDERS = ["alipay", "wechatpay", "jdpay", "applepay", "unionpay", "tpwallet"]
ISSUES = ["recharge", "security", "dispute", "fees", "closure"]
STATUSES = ["open", "waiting", "escalated", "closed", "closed", "closed"]


def generate(path: Path, n: int, today: dt.date, seed: int = 7) -> None:
    """`n` cases over the last two years; about half closed, the rest due at all sorts of dates."""
    rng = random.Random(seed)
    log = Store(path)
    letter = "致：支付宝客户服务中心 / 投诉处理部门\n" + "事实经过……\n" * 20
    answers = json.dumps(
        {"amount": "200.00", "what_happened": "余额没有到账。"}, ensure_ascii=False
    )
    rows = []
    for _ in range(n):
        created = today - dt.timedelta(days=rng.randint(0, 730))
        status = rng.choice(STATUSES)
        due = (
            None
            if status == "closed"
            else created + dt.timedelta(days=rng.choice([15, 15, 30, 60]))
        )
        reason = {
            "kind": "provider_reply",
            "since": created.isoformat(),
            "days": 15,
            "basis": "suggestion",
            "next": "pboc",
        }
        rows.append(
            (
                rng.choice(PROVIDERS),
                rng.choice(ISSUES),
                "zh",
                answers,
                letter,
                status,
                created.isoformat(),
                created.isoformat(),
                due.isoformat() if due else None,
                json.dumps(reason),
            )
        )
    with log.write() as c:
        c.executemany(
            "INSERT INTO cases (provider, issue, lang, answers, letter, status, created, updated,"
            " next_due, due_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        c.execute(
            "INSERT INTO events (case_id, day, kind, created)"
            " SELECT id, created, 'created', created FROM cases"
        )
    log.close()


if __name__ == "__main__":
    import sys

    generate(Path(sys.argv[1]), int(sys.argv[2]), dt.date.fromisoformat(sys.argv[3]))
