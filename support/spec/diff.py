"""What changed between two versions of the contract, as findings a client developer can act on.

Both sides are normalise.Side objects. Schemas are compared after following $refs into
$defs and merging allOf, so a change inside a component is reported under every
operation that uses it, once per operation and rule (the dedupe key is the place in the
component, not the path that led there, so oneOf branches sharing a part do not repeat it).
"""
from __future__ import annotations

import json
import re

from .normalise import Side, ref_name
from .patterns import judge_pattern
from .rules import RANK, Finding

UPPER_BOUNDS = ("maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties")
LOWER_BOUNDS = ("minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties")


def diff(old: Side, new: Side) -> list[Finding]:
    findings: list[Finding] = []
    renames = _security_schemes(old, new, findings)
    for key in sorted(old.operations.keys() | new.operations.keys(), key=lambda k: (k[1], k[0])):
        before, after = old.operations.get(key), new.operations.get(key)
        if after is None:
            assert before is not None  # the key came from one side or the other
            rule = "deprecated-api-removed" if before["deprecated"] else "api-removed"
            findings.append(_op_finding(rule, before, "", f"{before['method']} {before['path']} was removed"))
        elif before is None:
            findings.append(_op_finding("api-added", after, "", f"{after['method']} {after['path']} was added"))
        else:
            findings.extend(_OperationDiff(old, new, before, after, renames).run())
    return sort_findings(findings)


def compare_operations(old: Side, new: Side, before: dict, after: dict) -> list[Finding]:
    """Findings between two operations, wherever each lives (an old contract and its moved copy)."""
    return _OperationDiff(old, new, before, after, _security_schemes(old, new, [])).run()


def sort_findings(findings):
    return sorted(findings, key=lambda f: (RANK[f.level], f.path, f.method, f.rule, f.pointer, f.message))


def _op_finding(rule, op, pointer, message) -> Finding:
    return Finding(rule=rule, operation_id=op["operationId"], method=op["method"], path=op["path"],
                   pointer=pointer, message=message)


# -- security ------------------------------------------------------------------------

def _wire(scheme: dict) -> tuple:
    """What a client actually sends for a scheme; header names are case-insensitive."""
    return (scheme.get("type"), scheme.get("in"), str(scheme.get("name", "")).lower(),
            str(scheme.get("scheme", "")).lower())


def _describe_scheme(scheme: dict) -> str:
    if scheme.get("type") == "apiKey":
        return f"apiKey {scheme.get('in')} {scheme.get('name')}"
    return " ".join(str(scheme[k]) for k in ("type", "scheme") if k in scheme)


def _security_schemes(old: Side, new: Side, findings: list) -> dict:
    """Report scheme changes once; return old name -> new name for schemes that only changed name."""
    before, after = old.security_schemes, new.security_schemes
    gone = [n for n in before if n not in after]
    fresh = [n for n in after if n not in before]
    renames = {}
    for name in gone:
        twin = next((n for n in fresh if n not in renames.values() and _wire(after[n]) == _wire(before[name])), None)
        if twin:
            renames[name] = twin
            users = sum(1 for op in old.operations.values() if any(name in req for req in op["security"]))
            findings.append(_global("security-scheme-renamed", twin,
                                    f"security scheme '{name}' is now '{twin}' ({_describe_scheme(after[twin])}, "
                                    f"unchanged on the wire; {users} operations used it)"))
        else:
            findings.append(_global("security-scheme-removed", name, f"security scheme '{name}' was removed"))
    for name in fresh:
        if name not in renames.values():
            findings.append(_global("security-scheme-added", name,
                                    f"security scheme '{name}' was added ({_describe_scheme(after[name])})"))
    for name in before.keys() & after.keys():
        if _wire(before[name]) != _wire(after[name]):
            findings.append(_global("security-scheme-changed", name,
                                    f"security scheme '{name}' changed from {_describe_scheme(before[name])} "
                                    f"to {_describe_scheme(after[name])}"))
    return renames


def _global(rule, scheme_name, message) -> Finding:
    return Finding(rule=rule, operation_id="", method="", path="",
                   pointer="/securitySchemes/" + _escape(scheme_name), message=message)


def _alternatives(op: dict, renames: dict) -> set:
    alts = {frozenset(renames.get(n, n) for n in req) for req in op["security"]}
    return alts or {frozenset()}


def _show_alternatives(alts: set) -> str:
    return " or ".join("{" + ", ".join(sorted(a)) + "}" if a else "{}" for a in sorted(alts, key=sorted))


# -- schemas -------------------------------------------------------------------------

def _escape(token: str) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def _key(value) -> str:
    return json.dumps(value, sort_keys=True)


OBJECT_KEYWORDS = ("additionalProperties", "patternProperties", "propertyNames", "minProperties", "maxProperties")
ARRAY_KEYWORDS = ("items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains")


def _types(view: _View):
    """The value types a schema allows, and the keyword that implies them when `type` is left out.

    Descriptions generated without `type` (3.32.1 throughout) still say what a value is by the
    keywords they use: `items` only means something for an array, `properties` for an object.
    """
    kind = view.kw.get("type")
    if kind is not None:
        return ({kind} if isinstance(kind, str) else set(kind)), None
    if _union(view.kw) is not None:
        return None, None  # each branch says for itself
    if view.props or view.required:
        return {"object"}, "properties"
    for keyword in OBJECT_KEYWORDS:
        if keyword in view.kw:
            return {"object"}, keyword
    for keyword in ARRAY_KEYWORDS:
        if keyword in view.kw:
            return {"array"}, keyword
    return None, None


def _covers(wide: set, narrow: set) -> bool:
    return all(t in wide or (t == "integer" and "number" in wide) for t in narrow)


def _enum(kw: dict):
    if "enum" in kw:
        return list(kw["enum"])
    if "const" in kw:
        return [kw["const"]]
    return None


class _View:
    """A schema with its $ref followed and its allOf merged; each property remembers where it is defined."""

    def __init__(self):
        self.props: dict = {}
        self.required: set = set()
        self.kw: dict = {}
        self.ref = None
        self.refs: frozenset = frozenset()  # every component merged in, through allOf too


def _view(node, defs: dict, origin: tuple, stack: frozenset = frozenset()) -> tuple[_View, tuple]:
    view = _View()
    seen = set(stack)
    while isinstance(node, dict) and "$ref" in node:
        name = ref_name(node["$ref"])
        if name is None or name in seen or name not in defs:
            return view, origin
        seen.add(name)
        view.ref = name
        view.refs |= {name}
        origin = (name, "")
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        node = {**defs[name], **siblings} if siblings else defs[name]
    if not isinstance(node, dict):
        return view, origin
    for keyword, value in node.items():
        if keyword == "properties" and isinstance(value, dict):
            for prop, sub in value.items():
                view.props.setdefault(prop, (sub, (origin[0], f"{origin[1]}/properties/{_escape(prop)}")))
        elif keyword == "required" and isinstance(value, list):
            view.required |= set(value)
        elif keyword == "allOf" and isinstance(value, list):
            for i, branch in enumerate(value):
                part, _ = _view(branch, defs, (origin[0], f"{origin[1]}/allOf/{i}"), frozenset(seen))
                for prop, entry in part.props.items():
                    view.props.setdefault(prop, entry)
                view.required |= part.required
                view.refs |= part.refs
                for k, v in part.kw.items():
                    view.kw.setdefault(k, v)
        else:
            view.kw[keyword] = value
    return view, origin


def _union(kw: dict):
    for keyword in ("oneOf", "anyOf"):
        if isinstance(kw.get(keyword), list):
            return keyword, kw[keyword]
    return None


def _deeper(origin: tuple, step: str) -> tuple:
    return (origin[0], f"{origin[1]}/{step}") if origin[0] else origin


def _branch_name(branch, index: int) -> str:
    name = ref_name(branch.get("$ref", "")) if isinstance(branch, dict) else None
    return name or f"#{index}"


def _branch_ref(branch):
    return ref_name(branch.get("$ref", "")) if isinstance(branch, dict) else None


def _shape(branch, defs: dict) -> tuple:
    """What a branch is, for pairing: its value types, property names and required names."""
    view, _ = _view(branch, defs, (None, ""))
    types, _ = _types(view)
    return frozenset(types or ()), frozenset(view.props), frozenset(view.required)


def _likeness(old_shape: tuple, new_shape: tuple) -> float:
    """0..1: how much two branches look like the same shape; property names count most."""
    (old_t, old_p, old_r), (new_t, new_p, new_r) = old_shape, new_shape
    if old_t and new_t and not (old_t & new_t):
        return 0.0
    if not old_p and not new_p:
        return 0.0  # nothing to go on: scalars with different names are different shapes
    shared = len(old_p & new_p) / len(old_p | new_p)
    required = len(old_r & new_r) / len(old_r | new_r) if old_r | new_r else 1.0
    return 0.8 * shared + 0.2 * required


PAIRING_THRESHOLD = 0.5  # at least half the property names shared (or nearly, with the same required ones)


def _pair_branches(old_list: list, new_list: list, old_defs: dict, new_defs: dict):
    """Match oneOf/anyOf branches: by the component they name, then by shape, then inline ones by order.

    Returns (pairs, renamed): renamed holds the pairs matched by shape whose names differ, so a
    renamed component (SepaBankDetails -> IBANDetails) is compared field by field, not reported as
    one shape gone and another added.
    """
    named_new = {}
    for j, branch in enumerate(new_list):
        if _branch_ref(branch):
            named_new.setdefault(_branch_ref(branch), j)
    pairs = [(i, named_new[_branch_ref(b)]) for i, b in enumerate(old_list) if _branch_ref(b) in named_new]
    free_old = [i for i in range(len(old_list)) if i not in {p[0] for p in pairs}]
    free_new = [j for j in range(len(new_list)) if j not in {p[1] for p in pairs}]
    old_shapes = {i: _shape(old_list[i], old_defs) for i in free_old}
    new_shapes = {j: _shape(new_list[j], new_defs) for j in free_new}
    scored = sorted(((_likeness(old_shapes[i], new_shapes[j]), i, j) for i in free_old for j in free_new),
                    key=lambda s: (-s[0], s[1], s[2]))
    renamed = []
    for score, i, j in scored:
        if score < PAIRING_THRESHOLD or i not in free_old or j not in free_new:
            continue
        pairs.append((i, j))
        renamed.append((i, j))
        free_old.remove(i)
        free_new.remove(j)
    inline_new = [j for j in free_new if not _branch_ref(new_list[j])]
    for i in free_old:
        if not _branch_ref(old_list[i]) and inline_new:
            pairs.append((i, inline_new.pop(0)))
    return sorted(pairs), renamed


class _OperationDiff:
    def __init__(self, old: Side, new: Side, before: dict, after: dict, renames: dict):
        self.old, self.new = old, new
        self.before, self.after = before, after
        self.renames = renames
        self.findings: list[Finding] = []
        self._reported: dict = {}
        self._walking: set = set()

    def emit(self, rule: str, pointer: str, message: str, origin: tuple | None = None):
        # One finding per place of change: a component reached twice in this operation counts once.
        place = origin if origin and origin[0] else pointer
        key = (rule, place, message)
        finding = _op_finding(rule, self.after, pointer, message)
        earlier = self._reported.get(key)
        if earlier is None:
            self._reported[key] = len(self.findings)
            self.findings.append(finding)
        elif pointer.count("/") < self.findings[earlier].pointer.count("/"):
            self.findings[earlier] = finding  # the shallowest place is the easiest to find

    def run(self) -> list[Finding]:
        before, after = self.before, self.after
        where = f"{after['method']} {after['path']}"
        if before["deprecated"] != after["deprecated"]:
            rule = "api-deprecated" if after["deprecated"] else "api-reactivated"
            self.emit(rule, "", f"{where} is {'now' if after['deprecated'] else 'no longer'} deprecated")
        if before["operationId"] != after["operationId"]:
            self.emit("api-operation-id-changed", "",
                      f"operationId '{before['operationId']}' is now '{after['operationId']}'")
        self.security()
        self.parameters()
        self.request_body()
        self.responses()
        return self.findings

    def security(self):
        old_alts = _alternatives(self.before, self.renames)
        new_alts = _alternatives(self.after, {})
        if old_alts == new_alts:
            return
        shown = f"now {_show_alternatives(new_alts)}, was {_show_alternatives(old_alts)}"
        if any(not any(b <= a for b in new_alts) for a in old_alts):
            self.emit("api-security-added", "/security", f"security requirements tightened: {shown}")
        else:
            self.emit("api-security-removed", "/security", f"security requirements relaxed: {shown}")

    # -- parameters --
    @staticmethod
    def _param_map(op: dict) -> dict:
        names = re.findall(r"\{([^}/]*)\}", op["path"])
        out = {}
        for param in op["parameters"]:
            where, name = param["in"], param["name"]
            if where == "path":
                key = ("path", names.index(name) if name in names else name)
            elif where == "header":
                key = ("header", name.lower())
            else:
                key = (where, name)
            out[key] = param
        return out

    def parameters(self):
        old_params, new_params = self._param_map(self.before), self._param_map(self.after)
        for key in sorted(old_params.keys() | new_params.keys(), key=str):
            before, after = old_params.get(key), new_params.get(key)
            param = after or before
            pointer = f"/parameters/{param['in']}/{_escape(param['name'])}"
            label = f"{param['in']} parameter '{param['name']}'"
            if after is None:
                self.emit("request-parameter-removed", pointer, f"{label} was removed")
                continue
            if before is None:
                if after["required"]:
                    self.emit("new-required-request-parameter", pointer, f"new required {label}")
                else:
                    self.emit("new-optional-request-parameter", pointer, f"new optional {label}")
                continue
            if after["required"] and not before["required"]:
                self.emit("request-parameter-became-required", pointer, f"{label} became required")
            elif before["required"] and not after["required"]:
                self.emit("request-parameter-became-optional", pointer, f"{label} became optional")
            self.schema(before.get("schema"), after.get("schema"), pointer + "/schema", "request", "parameter",
                        (None, None), label)

    # -- request body --
    def request_body(self):
        before, after = self.before["requestBody"], self.after["requestBody"]
        if before is None and after is None:
            return
        if before is None:
            rule = "new-required-request-body" if after["required"] else "new-optional-request-body"
            self.emit(rule, "/requestBody", f"the operation now takes a {'required' if after['required'] else 'optional'} body")
            return
        if after is None:
            self.emit("request-body-removed", "/requestBody", "the request body is no longer declared")
            return
        if after["required"] and not before["required"]:
            self.emit("request-body-became-required", "/requestBody", "the request body became required")
        elif before["required"] and not after["required"]:
            self.emit("request-body-became-optional", "/requestBody", "the request body became optional")
        # Weavr posts a webhook's body to the client, so the client reads it as it reads a response.
        side = "response" if self.after["kind"] == "webhook" else "request"
        self.content(before["content"], after["content"], "/requestBody/content", side, "request body")

    def content(self, before: dict, after: dict, base: str, side: str, label: str):
        for media in sorted(before.keys() | after.keys()):
            pointer = f"{base}/{_escape(media)}"
            if media not in after:
                self.emit(f"{side}-body-media-type-removed" if side == "request" else "response-media-type-removed",
                          pointer, f"{label} media type {media} was removed")
            elif media not in before:
                self.emit(f"{side}-body-media-type-added" if side == "request" else "response-media-type-added",
                          pointer, f"{label} media type {media} was added")
            elif before[media] is not None and after[media] is not None:
                self.schema(before[media], after[media], pointer, side, "property", (None, None), label)

    # -- responses --
    def responses(self):
        before, after = self.before["responses"], self.after["responses"]
        for status in sorted(before.keys() | after.keys()):
            pointer = f"/responses/{status}"
            kind = "success" if status.startswith("2") else "non-success"
            if status not in after:
                now = [s for s in after if s.startswith("2")] if kind == "success" else []
                self.emit(f"response-{kind}-status-removed", pointer, f"status {status} is no longer returned"
                          + (f" (success is now {', '.join(now)})" if now else ""))
            elif status not in before:
                self.emit(f"response-{kind}-status-added", pointer, f"status {status} was added")
            else:
                self.content(before[status]["content"], after[status]["content"], pointer + "/content",
                             "response", f"response {status}")
                for name, header in before[status].get("headers", {}).items():
                    if header.get("required") and name not in after[status].get("headers", {}):
                        self.emit("response-required-header-removed", f"{pointer}/headers/{_escape(name)}",
                                  f"response {status} header {name} was removed")

    # -- schema walk --
    def schema(self, old, new, pointer: str, side: str, subject: str, origin: tuple, label: str):
        old_view, old_origin = _view(old, self.old.defs, origin)
        new_view, new_origin = _view(new, self.new.defs, origin)
        # The new side's origin names where a reader finds the change in the new contract.
        origin = new_origin if new_origin[0] else old_origin
        walked = None
        if old_view.refs or new_view.refs:
            # A component is named by itself; an inline allOf by identity, since it lives inside
            # a component and so is the same object each time round a cycle.
            walked = (side, subject, old_view.ref or id(old), new_view.ref or id(new))
            if walked in self._walking:
                return  # a cycle: everything below was or will be compared on the way down
            self._walking.add(walked)
        try:
            self._compare(old, new, old_view, new_view, pointer, side, subject, origin, label)
        finally:
            self._walking.discard(walked)

    def _compare(self, old, new, old_view, new_view, pointer, side, subject, origin, label):
        where = label if "/properties/" not in pointer else f"'{pointer.rsplit('/properties/', 1)[1]}'"
        old_union, new_union = _union(old_view.kw), _union(new_view.kw)
        if (old_union is None) != (new_union is None):
            # A shape that became a union (or stopped being one) is compared branch by branch.
            self.branches(old_union[1] if old_union else [old], new_union[1] if new_union else [new],
                          pointer, (new_union or old_union)[0], side, subject, origin, label, where)
            return
        self.types(old_view, new_view, pointer, side, subject, origin, where)
        self.enums(old_view.kw, new_view.kw, pointer, side, subject, origin, where)
        if side == "request":
            self.constraints(old_view.kw, new_view.kw, pointer, subject, origin, where)
        self.properties(old_view, new_view, pointer, side, subject, label)
        for keyword in ("items", "additionalProperties"):
            a, b = old_view.kw.get(keyword), new_view.kw.get(keyword)
            if isinstance(a, dict) and isinstance(b, dict):
                self.schema(a, b, f"{pointer}/{keyword}", side, subject, _deeper(origin, keyword), label)
        if old_union and new_union:
            self.branches(old_union[1], new_union[1], pointer, new_union[0], side, subject, origin, label, where)

    def branches(self, old_list, new_list, pointer, keyword, side, subject, origin, label, where):
        pairs, renamed = _pair_branches(old_list, new_list, self.old.defs, self.new.defs)
        for i, j in renamed:
            old_name, new_name = _branch_name(old_list[i], i), _branch_name(new_list[j], j)
            if old_name != new_name:
                self.emit(f"{side}-property-one-of-renamed", f"{pointer}/{keyword}/{j}",
                          f"{where}: shape {old_name} is now {new_name} (paired by its fields)", origin)
        for i, j in pairs:
            self.schema(old_list[i], new_list[j], f"{pointer}/{keyword}/{j}", side, subject,
                        _deeper(origin, f"{keyword}/{j}"), label)
        removed = [_branch_name(b, i) for i, b in enumerate(old_list) if i not in {p[0] for p in pairs}]
        added = [_branch_name(b, j) for j, b in enumerate(new_list) if j not in {p[1] for p in pairs}]
        if removed:
            self.emit(f"{side}-property-one-of-removed", pointer,
                      f"{where} no longer allows the shape{'s' if len(removed) > 1 else ''} {', '.join(removed)}", origin)
        if added:
            self.emit(f"{side}-property-one-of-added", pointer,
                      f"{where} may now take the shape{'s' if len(added) > 1 else ''} {', '.join(added)}", origin)

    def types(self, old_view, new_view, pointer, side, subject, origin, where):
        (old_t, old_by), (new_t, new_by) = _types(old_view), _types(new_view)
        if old_t is None or new_t is None or old_t == new_t:
            return

        def shown(types, implied_by):
            return "/".join(sorted(types)) + (f" (implied by {implied_by})" if implied_by else "")

        change = f"type of {where} changed from {shown(old_t, old_by)} to {shown(new_t, new_by)}"
        if side == "request":
            rule = f"request-{subject}-type-widened" if _covers(new_t, old_t) else f"request-{subject}-type-changed"
        else:
            rule = "response-property-type-narrowed" if _covers(old_t, new_t) else "response-property-type-changed"
        self.emit(rule, pointer, change, origin)

    def enums(self, old_kw, new_kw, pointer, side, subject, origin, where):
        old_e, new_e = _enum(old_kw), _enum(new_kw)
        if old_e is None or new_e is None:
            if side == "request" and (old_e is None) != (new_e is None):
                tightened = new_e is not None
                self.emit(f"request-{subject}-constraint-{'tightened' if tightened else 'loosened'}", pointer,
                          f"enum of {where} was {'set' if tightened else 'removed'}", origin)
            return
        old_keys, new_keys = {_key(v) for v in old_e}, {_key(v) for v in new_e}
        removed = [v for v in old_e if _key(v) not in new_keys]
        added = [v for v in new_e if _key(v) not in old_keys]
        prefix = f"request-{subject}" if side == "request" else "response-property"
        if removed:
            self.emit(f"{prefix}-enum-value-removed", pointer,
                      f"{where} lost enum value{'s' if len(removed) > 1 else ''} {_values(removed)}", origin)
        if added:
            self.emit(f"{prefix}-enum-value-added", pointer,
                      f"{where} gained enum value{'s' if len(added) > 1 else ''} {_values(added)}", origin)

    def constraints(self, old_kw, new_kw, pointer, subject, origin, where):
        prefix = f"request-{subject}"

        def report(tightened: bool, keyword: str, old_value, new_value):
            self.emit(f"{prefix}-constraint-{'tightened' if tightened else 'loosened'}", pointer,
                      f"{keyword} of {where}: {_show(old_value)} -> {_show(new_value)}", origin)

        for keywords, narrower in ((UPPER_BOUNDS, lambda a, b: b < a), (LOWER_BOUNDS, lambda a, b: b > a)):
            for keyword in keywords:
                a, b = old_kw.get(keyword), new_kw.get(keyword)
                if not _number(a) and not _number(b) or a == b:
                    continue
                if not _number(a):
                    report(True, keyword, None, b)
                elif not _number(b):
                    report(False, keyword, a, None)
                else:
                    report(narrower(a, b), keyword, a, b)
        a, b = old_kw.get("pattern"), new_kw.get("pattern")
        if a != b:
            if a is None or b is None:
                report(b is not None, "pattern", a, b)
            else:
                self.pattern(a, b, pointer, prefix, origin, where)
        a, b = old_kw.get("multipleOf"), new_kw.get("multipleOf")
        if a != b and (_number(a) or _number(b)):
            # Multiples of b are all multiples of a only when a divides b.
            report(not _number(a) or (_number(b) and a % b != 0), "multipleOf", a, b)
        a, b = bool(old_kw.get("uniqueItems")), bool(new_kw.get("uniqueItems"))
        if a != b:
            report(b, "uniqueItems", a, b)
        a, b = old_kw.get("additionalProperties", True), new_kw.get("additionalProperties", True)
        if (a is False) != (b is False):
            report(b is False, "additionalProperties", a, b)

    def pattern(self, old: str, new: str, pointer, prefix, origin, where):
        """A request pattern is graded by the strings it accepts: refusing any string it accepted breaks."""
        change = f"pattern of {where}: {_show(old)} -> {_show(new)}"
        judged = judge_pattern(old, new)
        if judged is None:
            self.emit(f"{prefix}-pattern-changed", pointer, change, origin)
        elif judged.undoubled_side and judged.comparison.verdict == "equal":
            self.emit(f"{prefix}-pattern-reescaped", pointer,
                      f"{change}: the same pattern once the {judged.undoubled_side} description's doubled "
                      f"backslashes are read as one", origin)
        elif judged.comparison.verdict != "equal":
            self.emit(f"{prefix}-constraint-{'loosened' if judged.comparison.refused is None else 'tightened'}",
                      pointer, change + judged.explain(), origin)

    def properties(self, old_view: _View, new_view: _View, pointer, side, subject, label):
        for prop in sorted(old_view.props.keys() | new_view.props.keys()):
            old_entry, new_entry = old_view.props.get(prop), new_view.props.get(prop)
            entry = new_entry or old_entry
            assert entry is not None  # the name came from one side or the other
            sub, origin = entry
            if isinstance(sub, dict) and sub.get("readOnly" if side == "request" else "writeOnly"):
                continue  # never sent on this side
            sub_pointer = f"{pointer}/properties/{_escape(prop)}"
            was_required, is_required = prop in old_view.required, prop in new_view.required
            if old_entry is None:
                if side == "request":
                    rule = "new-required-request-property" if is_required else "new-optional-request-property"
                    self.emit(rule, sub_pointer, f"new {'required' if is_required else 'optional'} field '{prop}'", origin)
                else:
                    self.emit("response-property-added", sub_pointer, f"new field '{prop}'", origin)
                continue
            if new_entry is None:
                if side == "request":
                    self.emit("request-property-removed", sub_pointer, f"field '{prop}' was removed", origin)
                else:
                    rule = "response-property-removed" if was_required else "response-optional-property-removed"
                    kind = "required" if was_required else "optional"
                    self.emit(rule, sub_pointer, f"{kind} field '{prop}' was removed", origin)
                continue
            if was_required != is_required:
                became = "required" if is_required else "optional"
                self.emit(f"{side}-property-became-{became}", sub_pointer, f"field '{prop}' became {became}", origin)
            self.schema(old_entry[0], new_entry[0], sub_pointer, side, subject, new_entry[1], label)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _show(value) -> str:
    return "none" if value is None else json.dumps(value)


def _values(values: list) -> str:
    shown = ", ".join(json.dumps(v) for v in values[:8])
    return shown + (f" (+{len(values) - 8} more)" if len(values) > 8 else "")
