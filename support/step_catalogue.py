"""python -m support.step_catalogue: the catalogue of Gherkin steps, written from the step modules.

Read with `ast` (nothing is imported or run): for each step, its keywords, its pattern
and the example and explanation its docstring gives.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

STEPS = Path(__file__).resolve().parents[1] / "steps"
KEYWORDS = ("given", "when", "then")


def _pattern(call: ast.Call, constants: dict) -> str:
    arg = call.args[0] if call.args else None
    if isinstance(arg, ast.Constant):
        return str(arg.value)
    if isinstance(arg, ast.Call) and arg.args:
        return _text(arg.args[0], constants)
    return "?"


def _text(node, constants: dict) -> str:
    """A pattern built from literals, module constants, `+` and f-strings."""
    if isinstance(node, ast.Constant):
        return str(node.value)
    if isinstance(node, ast.Name):
        value = constants.get(node.id, "?")
        return value if isinstance(value, str) else "?"
    if isinstance(node, ast.BinOp):
        return _text(node.left, constants) + _text(node.right, constants)
    if isinstance(node, ast.JoinedStr):
        return "".join(_text(part, constants) for part in node.values)
    if isinstance(node, ast.FormattedValue):
        return _text(node.value, constants)
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join"
            and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)
            and len(node.args) == 1 and isinstance(node.args[0], ast.Name)):
        # "|".join(KINDS): alternatives taken from a literal collection, keys of a dict included.
        return node.func.value.value.join(str(item) for item in constants.get(node.args[0].id, ()))
    return "?"


def _constants(module: Path) -> dict:
    """The module's literal constants, and those it imports from its sibling modules (`from .context import KINDS`)."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            sibling = module.with_name(node.module + ".py")
            if sibling.is_file():
                theirs = _constants(sibling)
                found.update({alias.asname or alias.name: theirs[alias.name]
                              for alias in node.names if alias.name in theirs})
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                text = _text(node.value, found)  # a pattern built from the constants above it
                if "?" != text:
                    found[node.targets[0].id] = text
    return found


def humanise(pattern: str) -> str:
    """A regex step pattern as a reader sees it: <name> for a value, [optional], {a|b} for choices."""
    text = pattern.strip("^$")
    out, i = "", 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            out += text[i + 1] if not text[i + 1].isalnum() else text[i:i + 2]
            i += 2
        elif char == "(":
            end = _closing(text, i)
            inner = text[i + 1:end]
            if inner.startswith(("?!", "?=")):  # a lookahead says what a step is not, which a reader need not see
                i = end + 1
                continue
            name = None
            if inner.startswith("?P<"):
                name, inner = inner[3:inner.index(">")], inner[inner.index(">") + 1:]
            elif inner.startswith("?:"):
                inner = inner[2:]
            shown = humanise(inner)
            literal = all(c.isalnum() or c in " -_'|<>[]{}" for c in shown)
            if name and (not literal or shown.startswith("<") or "<text>" in shown):
                shown = f"<{name}>"
            elif "|" in shown and not shown.startswith("{"):
                shown = "{" + shown + "}"
            i = end + 1
            if i < len(text) and text[i] == "?":
                shown, i = f"[{shown}]", i + 1
            out += shown
        elif char == "[":
            end = text.index("]", i + 1)
            i = end + 1
            while i < len(text) and text[i] in "+*?":
                i += 1
            out += "<text>"
        else:
            out += char
            i += 1
    return out


def _closing(text: str, start: int) -> int:
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "\\":
            continue
        if text[index] == "(" and text[index - 1] != "\\":
            depth += 1
        elif text[index] == ")" and text[index - 1] != "\\":
            depth -= 1
            if depth == 0:
                return index
    raise ValueError(f"unbalanced pattern {text!r}")


def steps_of(module: Path) -> list[dict]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    constants = _constants(module)
    found = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        keywords, patterns = [], []
        for decorator in node.decorator_list:
            if (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Name)
                    and decorator.func.id in KEYWORDS):
                keywords.append(decorator.func.id.capitalize())
                patterns.append(_pattern(decorator, constants))
        if keywords:
            doc = ast.get_docstring(node) or ""
            example, _, explanation = doc.partition("\n")
            shown = list(dict.fromkeys(humanise(pattern) for pattern in patterns))
            found.append({"keywords": keywords, "regexes": list(dict.fromkeys(patterns)),
                          "pattern": "` / `".join(shown),
                          "example": example.strip(),
                          "explanation": explanation, "function": node.name})
    return found


def _class_constant(module: Path, class_name: str, name: str):
    for node in ast.parse(module.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            for item in node.body:
                if isinstance(item, ast.Assign) and getattr(item.targets[0], "id", None) == name:
                    return ast.literal_eval(item.value)
    raise LookupError(f"{class_name}.{name} not found in {module}")


def vocabulary() -> list[str]:
    """What names mean in a feature: roles, amounts, and what each `${...}` placeholder reads."""
    context = _constants(STEPS / "context.py")
    ordinals = _constants(STEPS / "identity_flows.py")["ORDINALS"]
    profiles = _constants(STEPS.parent / "support" / "config.py")["PROFILE_VARIABLES"]
    attributes = _class_constant(STEPS / "context.py", "Actor", "ATTRIBUTES")
    kinds = ", ".join(f"{words} (`{kind}`)" for words, kind in context["KINDS"].items())
    return [
        "## Names in a feature", "",
        "**Roles.** A step that creates an identity names it by a role: `corporate` or `consumer`, optionally "
        f"after an ordinal ({', '.join(ordinals)}) and followed by any words: `a corporate`, `a corporate B`, "
        "`a second consumer`, `a corporate director`. The word corporate or consumer says which identity it is; "
        "later steps use the whole role (`the second consumer`, `${corporate B.email}`). An authorised user's "
        "role is the one its step gives (`called the first user`; `authorised user` when none is given).", "",
        "**Amounts** are in minor units, as the API has them: `1000 EUR` is EUR 10.00.", "",
        "**Step-up.** Only a step that says so steps a token up (`Given the corporate has a stepped-up token`, "
        "`When the corporate steps up their token`); no step retries after `STEP_UP_REQUIRED`.", "",
        "**Every remembered name is in a step's words**: the step that remembers something says the name "
        "(`I remember the response field \"id\" as \"corporate id\"`, `remembering the old one as \"old password\"`). "
        "Actors, values and resources share one namespace: a name means one thing in a scenario.", "",
        "**Named resources.** `Given the corporate has a managed account \"savings\" with 500 EUR` creates and names "
        "a resource; so does `I remember the response as the corporate's <kind> \"name\"`. A resource has a kind, an "
        "owner, its id and its last read body; steps that read it (`When the corporate reads the managed account "
        f"\"savings\"`, `Then the managed account \"savings\" holds 500 EUR`) refresh that body. Kinds: {kinds}.", "",
        "**Placeholders** (in paths, bodies and expected values):", "",
        "| Placeholder | Holds |", "|---|---|",
        "| `${name}` | a value remembered under that name |",
        "| `${savings.id}` | a named resource's id |",
        "| `${savings.balances.availableBalance}` | any dotted path into a named resource's last read body |",
        "| `${corporate.<attribute>}` | an actor's " + ", ".join(f"`{a}`" for a in attributes)
        + "; also `name`, `surname` (and `tag` for authorised users) |",
        "| `${code}` | the sandbox's fixed verification code |",
        "| `${profile.<key>}` | a programme profile id; keys: " + ", ".join(f"`{k}`" for k in profiles)
        + " (a wrong key lists these) |", "",
    ]


def render() -> str:
    lines = ["# Step catalogue", "",
             "Generated by `make steps-doc` from the step modules in `steps/`; each step shows an example.", "",
             *vocabulary()]
    for module in sorted(STEPS.glob("*_steps.py")):
        steps = steps_of(module)
        if not steps:
            continue
        title = (ast.get_docstring(ast.parse(module.read_text(encoding="utf-8"))) or module.stem).splitlines()[0]
        lines += [f"## {module.stem}", "", title, ""]
        for step in steps:
            lines.append(f"### {' / '.join(step['keywords'])}: `{step['pattern']}`")
            lines.append("")
            if step["example"]:
                lines += ["```gherkin", step["example"], *_docstring_lines(step["explanation"]), "```"]
            text = "\n".join(line for line in step["explanation"].splitlines()
                             if not line.startswith((" ", "\t"))).strip()
            if text:
                lines += ["", text]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _docstring_lines(explanation: str) -> list[str]:
    # Indented lines right after the example are part of it (a docstring body).
    return [line.rstrip() for line in explanation.splitlines() if line.startswith((" ", "\t"))]


def main() -> int:
    sys.stdout.write(render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
