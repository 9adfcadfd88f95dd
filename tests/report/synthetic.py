"""A synthetic audit for report tests: 3 units, 36 cases, 40 questions of every type.

Cases and final answers are drawn with a fixed seed and counted by the rules of DESIGN section 6,
so the tables are consistent (rows sum to totals, applicable = answered + unresolved + missing).
No real personal data: case labels and texts are invented.
"""

from __future__ import annotations

import random
import statistics
from dataclasses import dataclass, field
from typing import Any

from audit_app.report.data import QuestionInfo, SectionInfo, TemplateInfo

UNITS = [("hv", "Hässelby-Vällingby"), ("kh", "Kungsholmen"), ("sk", "Skarpnäck")]
GENDERS = [("flicka", "Flicka"), ("pojke", "Pojke")]
AREAS = [
    ("trygghet", "Trygghet och säkerhet", "Stöd och insatser utförs enligt gällande regelverk."),
    ("sjalvbestammande", "Självbestämmande och integritet", "Den enskilde är delaktig."),
    ("tillganglighet", "Tillgänglighet", "Det är lätt att få kontakt med socialtjänsten."),
    ("helhetssyn", "Helhetssyn och samordning", "Stöd och insatser är samordnade."),
    ("kunskap", "Kunskapsbaserad verksamhet", "Vetenskap och beprövad erfarenhet."),
    ("effektivitet", "Effektivitet", "Resurserna utnyttjas på bästa sätt."),
]
LONG_TEXT = (
    "Framgår det av behandlarens dokumentation att barnet har fått information om insatsen, "
    "dess mål och planering på ett sätt som är anpassat efter barnets ålder och mognad, och "
    "att barnets synpunkter på insatsens utformning har efterfrågats och tagits tillvara?"
)
LONG_OPTION = (
    "Delvis – barnet har informerats men barnets egna synpunkter på insatsens utformning "
    "framgår inte av dokumentationen"
)
YES_NO = [
    ("ja", "Ja", "value"),
    ("nej", "Nej", "value"),
    ("ej_dok", "Framgår inte av akten", "not_documented"),
]
REASONS = [
    ("vald", "Våld i nära relation", "value"),
    ("npf", "NPF", "value"),
    ("konflikt", "Relationskonflikter i familjen", "value"),
    ("foraldra", "Brister i föräldraförmågan", "value"),
    ("skola", "Skolfrånvaro", "value"),
]
TYPES = ["choice", "choice", "multi", "number", "choice", "text", "choice", "date"]


@dataclass
class Case:
    """One synthetic case: its unit, gender and the final state of every question."""

    label: str
    unit: str
    gender: str
    answers: dict[str, Any] = field(default_factory=dict)  # id -> value | "unresolved" | None


def _question(i: int) -> QuestionInfo:
    qtype = TYPES[i % len(TYPES)]
    qid = f"q{i + 1:02d}"
    text = f"Fråga {i + 1}: finns dokumentation om moment {i + 1} i ärendet?"
    if i == 4:
        text = LONG_TEXT
    options: list[tuple[str, str, str]] = []
    if qtype == "choice":
        options = list(YES_NO)
        if i == 4:
            options.insert(1, ("delvis", LONG_OPTION, "value"))
        if i % 16 == 6:
            options.append(("ej_akt", "Ej aktuellt", "not_applicable"))
    elif qtype == "multi":
        options = list(REASONS)
        text = f"Skäl till insatsen enligt uppdraget ({i + 1})"
    elif qtype == "number":
        text = f"Antal veckor från uppdrag till planeringsmöte ({i + 1})"
    applies = "alder >= 4" if i % 10 == 9 else None
    return QuestionInfo(
        id=qid,
        text=text,
        type=qtype,
        options=options,
        applies_when=applies,
        reference="SoL 11 kap. 10 §; SOSFS 2014:5" if i % 3 == 0 else None,
        help="Läs både utredarens och behandlarens journal." if i % 5 == 0 else None,
    )


def synthetic_template(n_questions: int = 40) -> TemplateInfo:
    """A template of ``n_questions`` questions in five sections."""
    questions = [_question(i) for i in range(n_questions)]
    titles = [
        "Ärendet",
        "Dokumentationen vid uppstart",
        "Genomförandeplanen",
        "Insatsen",
        "Uppföljning, avslut och barnets delaktighet",
    ]
    per = -(-n_questions // len(titles))
    sections = [
        SectionInfo(
            id=f"s{k + 1}",
            title=title,
            quality_area=AREAS[k % len(AREAS)][0],
            questions=questions[k * per : (k + 1) * per],
        )
        for k, title in enumerate(titles)
    ]
    return TemplateInfo(
        id="syntetisk", version=3, title="Syntetisk granskningsmall", quality_areas=AREAS, sections=sections
    )


def synthetic_cases(template: TemplateInfo, seed: int = 7, per_unit: int = 12) -> list[Case]:
    """Draw the cases' final answers."""
    rng = random.Random(seed)
    cases = []
    for unit, _ in UNITS:
        for k in range(per_unit):
            case = Case(f"{unit.upper()}-{k + 1:02d}", unit, GENDERS[k % 2][0])
            age = rng.randint(0, 12)
            for q in template.questions:
                if q.applies_when and age < 4:
                    case.answers[q.id] = "n/a"
                    continue
                roll = rng.random()
                if roll < 0.05:
                    case.answers[q.id] = "unresolved"
                elif roll < 0.12:
                    case.answers[q.id] = None
                elif q.type == "choice":
                    weights = [5, 2, 1, 1, 1][: len(q.options)]
                    case.answers[q.id] = rng.choices([o[0] for o in q.options], weights)[0]
                elif q.type == "multi":
                    picked = [o[0] for o in q.options if rng.random() < 0.4]
                    case.answers[q.id] = picked or [q.options[0][0]]
                elif q.type == "number":
                    case.answers[q.id] = rng.choice([1, 2, 2.5, 3, 4, 6, 8])
                else:
                    case.answers[q.id] = "2024-05-01" if q.type == "date" else "fritext"
            cases.append(case)
    return cases


def _stats(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"n": 0, "mean": None, "median": None, "min": None, "max": None}
    return {
        "n": len(values),
        "mean": statistics.fmean(values),
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
    }


def tabulate(template: TemplateInfo, cases: list[Case], by: str | None) -> dict[str, Any]:
    """The DESIGN section 7 JSON for these cases, by "unit", "gender" or None."""
    columns = {"unit": UNITS, "gender": GENDERS}.get(by or "", [])
    codes = [c for c, _ in columns]

    def col_of(case: Case) -> str:
        return getattr(case, by) if by else "total"

    def zero() -> dict[str, int]:
        return {**{c: 0 for c in codes}, "total": 0}

    questions = []
    for section in template.sections:
        for q in section.questions:
            counts = {k: zero() for k in ("applicable", "answered", "unresolved", "missing")}
            rows = {o[0]: zero() for o in q.options}
            numbers: dict[str, list[float]] = {c: [] for c in [*codes, "total"]}
            for case in cases:
                value = case.answers[q.id]
                if value == "n/a":
                    continue
                status = "unresolved" if value == "unresolved" else "missing" if value is None else "answered"
                for col in {col_of(case), "total"}:
                    counts["applicable"][col] += 1
                    counts[status][col] += 1
                    if status != "answered":
                        continue
                    for code in value if isinstance(value, list) else [value]:
                        if code in rows:
                            rows[code][col] += 1
                    if q.type == "number":
                        numbers[col].append(float(value))
            questions.append(
                {
                    "id": q.id,
                    "type": q.type,
                    "text": q.text,
                    "section": section.id,
                    "quality_area": q.quality_area or section.quality_area,
                    **counts,
                    "rows": [
                        {"code": c, "label": lbl, "kind": kind, "counts": rows[c]}
                        for c, lbl, kind in q.options
                    ],
                    "stats": ({c: _stats(v) for c, v in numbers.items()} if q.type == "number" else None),
                }
            )
    case_counts = zero()
    for case in cases:
        case_counts["total"] += 1
        if by:
            case_counts[getattr(case, by)] += 1
    return {
        "audit": {"id": None, "name": "Syntetisk granskning"},
        "template": {"id": template.id, "version": template.version},
        "by": by,
        "columns": [{"code": c, "label": lbl} for c, lbl in columns],
        "cases": case_counts,
        "excluded": 2,
        "questions": questions,
    }
