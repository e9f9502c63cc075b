"""The table of `make bench`: each page's medians over the rounds, and its share of the floor
measured just before it in the same round."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from bench.load import Run

HEADINGS = ["page", "queries", "req/s", "p50 ms", "p99 ms", "share of the floor (%)"]


@dataclass
class Row:
    name: str
    expect: int = 200
    queries: int | None = None
    runs: list[Run] = field(default_factory=list)
    floors: list[Run] = field(default_factory=list)  # the floor run before each of `runs`
    error: str = ""  # set when the page failed its check: no numbers are shown
    size: int = 0  # bytes of the body, from the check

    def problem(self) -> str:
        """Why this row's numbers cannot be trusted, or ''."""
        if self.error:
            return self.error
        failed = [run.failure for run in self.runs + self.floors if run.failure]
        if failed:
            return failed[0]
        if any(not floor.requests for floor in self.floors):
            return "a run of the floor answered nothing"
        if not self.runs:
            return "not run"
        wrong: Counter = Counter()
        for run in self.runs:
            for status, count in run.statuses.items():
                if status != self.expect:
                    wrong[str(status)] += count
            for kind, count in run.socket_errors.items():
                wrong[kind] += count
        if wrong:
            total = sum(run.requests for run in self.runs) + sum(
                sum(run.socket_errors.values()) for run in self.runs
            )
            listed = ", ".join(f"{count} × {what}" for what, count in wrong.most_common())
            return f"{sum(wrong.values())} of {total} answers were not {self.expect}: {listed}"
        return ""

    def reused(self) -> int:
        return sum(run.reused for run in self.runs)

    def cells(self) -> list[str]:
        queries = "–" if self.queries is None else str(self.queries)
        if self.problem():
            return [self.name, queries, "ERROR", "–", "–", "–"]
        shares = [run.rate / floor.rate for run, floor in zip(self.runs, self.floors, strict=True)]
        mark = " *" if self.reused() else ""
        return [
            self.name + mark,
            queries,
            f"{median(run.rate for run in self.runs):.0f}",
            f"{median(run.p50_ms for run in self.runs):.1f}",
            f"{median(run.p99_ms for run in self.runs):.1f}",
            f"{100 * median(shares):.1f}",
        ]


def floor_row(name: str, floors: list[Run]) -> Row:
    return Row(name=name, queries=0, runs=floors, floors=floors)


def text_table(rows: list[Row]) -> str:
    table = [HEADINGS] + [row.cells() for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADINGS))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest])

    return "\n".join(
        [line(table[0]), "  ".join("-" * w for w in widths)] + [line(c) for c in table[1:]]
    )


def markdown_table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADINGS) + " |", "|---|" + "---:|" * (len(HEADINGS) - 1)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def notes(rows: list[Row]) -> list[str]:
    found = []
    for row in rows:
        if problem := row.problem():
            found.append(f"{row.name}: ERROR, {problem}")
        elif row.reused():
            found.append(
                f"{row.name} (*): {row.reused()} requests reused a pool row (a learner who "
                "had done it already): raise BENCH_POOL"
            )
    return found
