"""The ``applies_when`` condition language: a whitelisted Python-expression subset, never eval'd."""

from __future__ import annotations

import ast
import operator
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from audit_app.domain.condition_eval import (
    Eval,
    Getter,
    ListLiteral,
    Lookup,
    Test,
    all_of,
    any_of,
    canonical,
    chain,
    comparison,
    contains,
    not_contains,
)
from audit_app.domain.values import normalize_text

_NAME = re.compile(r"[a-z][a-z0-9_]*")
# Deeper nesting than this is no sensible condition; the limit keeps compiling and evaluating
# far from Python's recursion limit, whatever the input.
_MAX_DEPTH = 100
_SNIPPET = 60

SYNTAX = "expression-syntax"
UNSUPPORTED = "expression-unsupported"


class ConditionError(Exception):
    """A condition that cannot be used; ``code`` is ``expression-syntax`` or ``-unsupported``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class _Use:
    """One place a name is referenced, for the multi-question check."""

    name: str
    right_of_in: bool  # directly the right operand of in / not in, and nothing else
    context: str  # where it stands, for the message


class Condition:
    """A parsed condition, compiled to closures; evaluate it with a lookup of names to values."""

    __slots__ = ("source", "names", "_evaluate", "_uses")

    def __init__(self, source: str, evaluate: Eval, uses: tuple[_Use, ...]) -> None:
        self.source = source
        self.names: frozenset[str] = frozenset(u.name for u in uses)
        self._evaluate = evaluate
        self._uses = uses

    def evaluate(self, lookup: Lookup) -> bool:
        """Whether the condition holds; ``lookup(name)`` gives a value or None when missing."""
        return self._evaluate(lookup)

    def multi_misuse(self, multi_names: set[str] | frozenset[str]) -> list[str]:
        """A message for every use of a multi question other than directly right of ``in``."""
        return [
            f"'{u.name}' is a multi question; it may only stand directly to the right of "
            f"'in' / 'not in' (as in \"code\" in {u.name}), not {u.context}"
            for u in self._uses
            if u.name in multi_names and not u.right_of_in
        ]

    def __repr__(self) -> str:
        return f"Condition({self.source!r})"


def parse_condition(text: str) -> Condition:
    """Parse and compile a condition; raise ConditionError when it is not in the language."""
    stripped = text.strip()
    if not stripped:
        raise ConditionError(SYNTAX, "the condition is empty")
    try:
        # Parsing may warn (e.g. invalid escape sequences); the outcome must not depend on
        # the caller's warning filters.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(stripped, mode="eval")
    except SyntaxError as exc:
        lead = len(text) - len(text.lstrip())
        where = f" (column {exc.offset + lead})" if exc.offset and "\n" not in stripped else ""
        raise ConditionError(
            SYNTAX, f"the condition is not a valid expression: {exc.msg}{where}"
        ) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        # ValueError: null bytes, unencodable characters; the others: absurd nesting.
        reason = "it is nested too deeply" if not isinstance(exc, ValueError) else str(exc)
        raise ConditionError(SYNTAX, f"the condition cannot be parsed: {reason}") from None
    compiler = _Compiler(stripped)
    evaluate = compiler.boolean(tree.body, 0, "on its own as a condition")
    return Condition(text, evaluate, tuple(compiler.uses))


# ---------------------------------------------------------------------------------------------
# Compilation: a whitelist walk over the tree that builds closures.

_COMPARE_OPS: dict[type[ast.cmpop], tuple[str, Callable[[Any, Any], bool]]] = {
    ast.Eq: ("==", operator.eq),
    ast.NotEq: ("!=", operator.ne),
    ast.Lt: ("<", operator.lt),
    ast.LtE: ("<=", operator.le),
    ast.Gt: (">", operator.gt),
    ast.GtE: (">=", operator.ge),
}

_ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.MatMult)
_MEMBER_OPS: dict[type[ast.cmpop], str] = {ast.In: "in", ast.NotIn: "not in"}

_CONSTRUCTS: dict[type[ast.AST], str] = {
    ast.Call: "function calls are not allowed in a condition",
    ast.Attribute: "attribute access (a.b) is not allowed in a condition",
    ast.Subscript: "subscripts and indexing (a[...]) are not allowed in a condition",
    ast.Slice: "slices are not allowed in a condition",
    ast.Lambda: "lambda functions are not allowed in a condition",
    ast.IfExp: "conditional expressions (a if b else c) are not allowed in a condition",
    ast.Dict: "dictionary literals are not allowed in a condition",
    ast.Set: "set literals {...} are not allowed in a condition",
    ast.Tuple: "tuples are not allowed; write a list [...] to the right of 'in' instead",
    ast.ListComp: "comprehensions are not allowed in a condition",
    ast.SetComp: "comprehensions are not allowed in a condition",
    ast.DictComp: "comprehensions are not allowed in a condition",
    ast.GeneratorExp: "generator expressions are not allowed in a condition",
    ast.Await: "'await' is not allowed in a condition",
    ast.Yield: "'yield' is not allowed in a condition",
    ast.YieldFrom: "'yield' is not allowed in a condition",
    ast.JoinedStr: "f-strings are not allowed in a condition",
    ast.FormattedValue: "f-strings are not allowed in a condition",
    ast.NamedExpr: "assignment expressions (:=) are not allowed in a condition",
    ast.Starred: "starred expressions (*a) are not allowed in a condition",
}


class _Compiler:
    """Walks one parsed condition; anything not explicitly handled is rejected."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.uses: list[_Use] = []

    def boolean(self, node: ast.expr, depth: int, context: str) -> Eval:
        """Compile a node that stands where a truth value is wanted."""
        self._check_depth(depth)
        if isinstance(node, ast.BoolOp):
            parts = tuple(
                self.boolean(v, depth + 1, "on its own inside 'and' / 'or'") for v in node.values
            )
            return all_of(parts) if isinstance(node.op, ast.And) else any_of(parts)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            inner = self.boolean(node.operand, depth + 1, "on its own after 'not'")
            return lambda lookup: not inner(lookup)
        if isinstance(node, ast.Name):
            name = self._name(node, right_of_in=False, context=context)
            return lambda lookup: lookup(name) is not None
        if isinstance(node, ast.Compare):
            return self._compare(node, depth)
        if isinstance(node, ast.List) or _number_or_string(node):
            raise ConditionError(
                UNSUPPORTED,
                f"a literal on its own is not a condition; compare it with a name: "
                f"{self._snippet(node)}",
            )
        raise self._unsupported(node)

    def _compare(self, node: ast.Compare, depth: int) -> Eval:
        operands = [node.left, *node.comparators]
        tests = [self._test(op, node) for op in node.ops]
        getters: list[Getter] = []
        for i, operand in enumerate(operands):
            before = node.ops[i - 1] if i > 0 else None
            after = node.ops[i] if i < len(node.ops) else None
            right_of_in = isinstance(before, ast.In | ast.NotIn)
            if right_of_in and after is None and isinstance(operand, ast.List):
                getters.append(self._list(operand, depth + 1))
            elif right_of_in and _number_or_string(operand):
                raise ConditionError(
                    UNSUPPORTED,
                    "the right side of 'in' / 'not in' must be a list of literals or a name: "
                    f"{self._snippet(operand)}",
                )
            else:
                parts = [f"to the right of '{_op_text(before)}'" if before else ""]
                parts.append(f"to the left of '{_op_text(after)}'" if after else "")
                context = " and ".join(p for p in parts if p)
                getters.append(
                    self._operand(operand, depth + 1, right_of_in and after is None, context)
                )
        if len(tests) == 1:
            get_left, get_right, test = getters[0], getters[1], tests[0]
            return lambda lookup: test(get_left(lookup), get_right(lookup))
        return chain(tuple(getters), tuple(tests))

    def _test(self, op: ast.cmpop, node: ast.Compare) -> Test:
        if isinstance(op, ast.In):
            return contains
        if isinstance(op, ast.NotIn):
            return not_contains
        if isinstance(op, ast.Is | ast.IsNot):
            raise ConditionError(
                UNSUPPORTED,
                f"'is' / 'is not' are not allowed in a condition; use == or !=: "
                f"{self._snippet(node)}",
            )
        symbol, func = _COMPARE_OPS[type(op)]
        return comparison(symbol, func)

    def _operand(self, node: ast.expr, depth: int, right_of_in: bool, context: str) -> Getter:
        """Compile a comparison operand: a name or a string or number literal."""
        self._check_depth(depth)
        if isinstance(node, ast.Name):
            name = self._name(node, right_of_in=right_of_in, context=context)
            return lambda lookup: canonical(lookup(name))
        if isinstance(node, ast.List):
            raise ConditionError(
                UNSUPPORTED,
                "a list may only stand directly to the right of 'in' / 'not in': "
                f"{self._snippet(node)}",
            )
        constant = self._literal(node)
        return lambda lookup: constant

    def _list(self, node: ast.List, depth: int) -> Getter:
        texts: set[str] = set()
        numbers: set[float] = set()
        for element in node.elts:
            self._check_depth(depth + 1)
            if not _number_or_string(element):
                raise ConditionError(
                    UNSUPPORTED,
                    "a list in a condition may only contain string and number literals: "
                    f"{self._snippet(element)}",
                )
            value = self._literal(element)
            if isinstance(value, str):
                texts.add(value)
            else:
                numbers.add(value)
        literal = ListLiteral(frozenset(texts), frozenset(numbers))
        return lambda lookup: literal

    def _literal(self, node: ast.expr) -> str | float:
        """A string or number literal (a number may carry a unary minus), canonical."""
        negative = False
        inner = node
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            negative, inner = True, node.operand
            if not _is_number(inner):
                raise ConditionError(
                    UNSUPPORTED,
                    f"'-' is only allowed directly before a number: {self._snippet(node)}",
                )
        if not isinstance(inner, ast.Constant):
            raise self._unsupported(node)
        value = inner.value
        if isinstance(value, str) and not negative:
            return normalize_text(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            try:
                number = float(value)
            except OverflowError:
                raise ConditionError(
                    UNSUPPORTED, f"the number is too large: {self._snippet(node)}"
                ) from None
            return -number if negative else number
        raise self._unsupported(inner)

    def _name(self, node: ast.Name, *, right_of_in: bool, context: str) -> str:
        if not _NAME.fullmatch(node.id):
            raise ConditionError(
                UNSUPPORTED,
                f"'{node.id}' is not a valid name in a condition; names are case field and "
                "question ids of lower-case letters, digits and '_' that start with a letter",
            )
        self.uses.append(_Use(node.id, right_of_in, context))
        return node.id

    def _check_depth(self, depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise ConditionError(
                UNSUPPORTED, f"the condition is nested too deeply (more than {_MAX_DEPTH} levels)"
            )

    def _unsupported(self, node: ast.AST) -> ConditionError:
        snippet = self._snippet(node)
        if isinstance(node, ast.BinOp):
            what = "arithmetic is" if isinstance(node.op, _ARITHMETIC) else "bitwise operators are"
            return ConditionError(UNSUPPORTED, f"{what} not allowed in a condition: {snippet}")
        if isinstance(node, ast.UnaryOp):
            symbol = {ast.UAdd: "+", ast.USub: "-", ast.Invert: "~"}.get(type(node.op), "?")
            return ConditionError(
                UNSUPPORTED, f"the operator '{symbol}' is not allowed here: {snippet}"
            )
        if isinstance(node, ast.Constant):
            return ConditionError(UNSUPPORTED, _constant_message(node.value, snippet))
        if isinstance(node, ast.Compare | ast.BoolOp | ast.Name | ast.List):
            return ConditionError(
                UNSUPPORTED,
                f"only a name or a string or number literal may be compared: {snippet}",
            )
        what = _CONSTRUCTS.get(
            type(node), f"'{type(node).__name__}' expressions are not allowed in a condition"
        )
        return ConditionError(UNSUPPORTED, f"{what}: {snippet}")

    def _snippet(self, node: ast.AST) -> str:
        text = ast.get_source_segment(self.source, node) or self.source
        text = " ".join(text.split())
        return text if len(text) <= _SNIPPET else text[: _SNIPPET - 3] + "..."


def _constant_message(value: object, snippet: str) -> str:
    if value is None or isinstance(value, bool):
        return (
            f"'{value}' is not part of the condition language; a bare name is true when it has "
            "a value, 'not name' when it is missing"
        )
    if isinstance(value, bytes):
        return f"bytes literals are not allowed in a condition: {snippet}"
    if isinstance(value, complex):
        return f"complex numbers are not allowed in a condition: {snippet}"
    return f"this literal is not allowed in a condition: {snippet}"


def _op_text(op: ast.cmpop | None) -> str:
    if op is None:
        return ""
    return _MEMBER_OPS.get(type(op)) or _COMPARE_OPS[type(op)][0]


def _is_number(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    )


def _number_or_string(node: ast.AST) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return _is_number(node.operand)
    return _is_number(node) or (isinstance(node, ast.Constant) and isinstance(node.value, str))
