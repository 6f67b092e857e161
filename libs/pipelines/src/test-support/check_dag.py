"""Reads generated Airflow DAG files with Python's own parser and reports what the tests check.

Usage: python3 check_dag.py FILE... ; prints one JSON object per file, keyed by path:

  imports    top-level module of every import ("airflow", "kubernetes", "datetime", ...)
  stdlib     the imported modules that belong to the standard library
  tasks      {variable: task_id} for every task the file creates
  edges      [upstream_task_id, downstream_task_id] from every `>>` chain
  calls      {callee: [keyword, ...]} for every operator call (KubernetesPodOperator, TriggerDagRunOperator, EmptyOperator)
  operators  {task_id: callee} of every task ("trainer_task" for the helper that makes a KubernetesPodOperator)
  keywords   {task_id: {keyword: literal}} of the keyword arguments each task call passes
  undefined  names read somewhere that nothing in scope defines (a simple scope check)

It never imports the file, so neither Airflow nor the Kubernetes client needs to be installed.
"""

from __future__ import annotations

import ast
import builtins
import json
import sys

OPERATORS = {"KubernetesPodOperator", "TriggerDagRunOperator", "EmptyOperator"}


def stdlib_names() -> set[str]:
    names = getattr(sys, "stdlib_module_names", None)
    if names is None:  # Python < 3.10
        names = {"__future__", "datetime", "re", "os", "sys", "json", "typing", "functools"}
    return set(names)


def bound_names(target: ast.AST) -> set[str]:
    """Names an assignment target (or `with ... as` / `for` target) binds."""
    return {node.id for node in ast.walk(target) if isinstance(node, ast.Name)}


def module_scope(tree: ast.Module) -> set[str]:
    """Names bound at module level, including inside try/except and with blocks."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Assign):
            for target in node.targets:
                names |= bound_names(target)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            names |= bound_names(node.target)
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            names |= bound_names(node.optional_vars)
        elif isinstance(node, ast.For):
            names |= bound_names(node.target)
    return names


def function_locals(function: ast.FunctionDef) -> set[str]:
    args = function.args
    names = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
    if args.vararg:
        names.add(args.vararg.arg)
    if args.kwarg:
        names.add(args.kwarg.arg)
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                names |= bound_names(target)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def undefined_names(tree: ast.Module) -> list[str]:
    known = module_scope(tree) | set(dir(builtins))
    missing: set[str] = set()

    def visit(node: ast.AST, scope: set[str]) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                visit(decorator, scope)
            for default in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
                visit(default, scope)
            inner = scope | function_locals(node)
            for statement in node.body:
                visit(statement, inner)
            return  # annotations are strings (from __future__ import annotations)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in scope:
            missing.add(node.id)
        if isinstance(node, (ast.arg, ast.AnnAssign)):
            return
        for child in ast.iter_child_nodes(node):
            visit(child, scope)

    for statement in tree.body:
        visit(statement, known)
    return sorted(missing)


def literal(node: ast.AST) -> object:
    try:
        return ast.literal_eval(node)
    except ValueError:
        return ast.unparse(node)


def chain_operands(node: ast.AST) -> list[ast.AST]:
    """`a >> b >> [c, d]` as [a, b, [c, d]]."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.RShift):
        return chain_operands(node.left) + chain_operands(node.right)
    return [node]


def operand_tasks(node: ast.AST, tasks: dict[str, str]) -> list[str]:
    if isinstance(node, (ast.List, ast.Tuple)):
        return [task for item in node.elts for task in operand_tasks(item, tasks)]
    if isinstance(node, ast.Name):
        return [tasks.get(node.id, f"<unknown variable {node.id}>")]
    return [f"<not a task: {ast.unparse(node)}>"]


def task_id_of(call: ast.Call) -> str | None:
    for keyword in call.keywords:
        if keyword.arg == "task_id" and isinstance(keyword.value, ast.Constant):
            return keyword.value.value
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return call.args[0].value
    return None


def check(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    tree = ast.parse(source, filename=path)
    compile(tree, path, "exec")
    stdlib = stdlib_names()
    imports: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imports |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imports.add((node.module or "").split(".")[0])
    tasks: dict[str, str] = {}
    keywords: dict[str, dict[str, object]] = {}
    operators: dict[str, str] = {}
    calls: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in OPERATORS:
            calls.setdefault(node.func.id, []).extend(k.arg or "**" for k in node.keywords)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and len(node.targets) == 1:
            target, call = node.targets[0], node.value
            if isinstance(target, ast.Name) and isinstance(call.func, ast.Name) and (call.func.id in OPERATORS or call.func.id == "trainer_task"):
                task_id = task_id_of(call)
                if task_id is not None:
                    tasks[target.id] = task_id
                    operators[task_id] = call.func.id
                    keywords[task_id] = {k.arg: literal(k.value) for k in call.keywords if k.arg}
                    if call.func.id == "trainer_task" and len(call.args) >= 2:
                        keywords[task_id]["arguments"] = literal(call.args[1])
    edges: list[list[str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.BinOp) and isinstance(node.value.op, ast.RShift):
            operands = chain_operands(node.value)
            for left, right in zip(operands, operands[1:]):
                for upstream in operand_tasks(left, tasks):
                    for downstream in operand_tasks(right, tasks):
                        edges.append([upstream, downstream])
    return {
        "imports": sorted(imports),
        "stdlib": sorted(name for name in imports if name in stdlib),
        "tasks": tasks,
        "edges": sorted(edges),
        "calls": {callee: sorted(set(names)) for callee, names in calls.items()},
        "operators": operators,
        "keywords": keywords,
        "undefined": undefined_names(tree),
    }


if __name__ == "__main__":
    print(json.dumps({path: check(path) for path in sys.argv[1:]}, indent=1, default=str))
