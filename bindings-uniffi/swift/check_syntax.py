#!/usr/bin/env python3
"""Checks that every Swift source under a directory parses, with the tree-sitter Swift grammar.

`./dev test` runs where there is no Swift toolchain, so this is what keeps a generated or hand-written
file that no longer parses out of the package. It checks syntax only: types and names are the compiler's.

    check_syntax.py [DIRECTORY]    # default: the Swift package beside this script
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from pathlib import Path

try:
    import tree_sitter_swift
    from tree_sitter import Language, Node, Parser
except ImportError as error:  # the tree-sitter this grammar needs (0.25+) needs Python 3.10+
    sys.exit(f"check_syntax.py needs Python 3.10+ with tree-sitter and tree-sitter-swift installed ({error})")

# Since Swift 5.8 (SE-0367) an `#if` block may hold attributes alone, and uniffi's generated code wraps each
# `@_documentation(visibility: private)` that way. The grammar accepts a directive only where a statement or a
# member may stand, so it cuts such attributes off their declaration and reports them as errors. Exactly these
# blocks (an `#if` line, attribute lines, an `#endif` line) get their two directive lines blanked to spaces, which
# keeps every position as it was, and their attributes are then parsed as part of the declaration that follows.
CONDITIONAL_ATTRIBUTES = re.compile(rb"^([ \t]*#if\b[^\n]*\n)((?:[ \t]*@[^\n]*\n)+)([ \t]*#endif[ \t]*)$", re.M)

# After a file's first error the grammar's recovery can misread the rest of it: the first few errors say enough.
SHOWN_PER_FILE = 10


def without_attribute_conditions(source: bytes) -> bytes:
    """The source with the directive lines of attribute-only `#if` blocks blanked."""

    def blank(match: re.Match[bytes]) -> bytes:
        opening, attributes, closing = match.groups()
        return re.sub(rb"[^\n]", b" ", opening) + attributes + re.sub(rb".", b" ", closing)

    return CONDITIONAL_ATTRIBUTES.sub(blank, source)


def syntax_errors(root: Node) -> Iterator[Node]:
    """The outermost ERROR nodes and the MISSING nodes of a tree, in source order."""
    pending = [root]
    while pending:
        node = pending.pop()
        if node.is_error or node.is_missing:
            yield node
        elif node.has_error:
            pending.extend(reversed(node.children))


def describe(path: Path, source: bytes, node: Node) -> str:
    """`path:line:col: syntax error near ...` for one error, with a 1-based line and character column."""
    row, byte_column = node.start_point
    line = source.split(b"\n")[row]
    column = len(line[:byte_column].decode("utf-8", "replace")) + 1
    # An ERROR node covers the text it could not place; a MISSING one is empty, so show what follows it.
    text = source[node.start_byte : node.end_byte] if node.is_error else line[byte_column:]
    near = text.decode("utf-8", "replace").strip().split("\n")[0].strip() or "the end of the line"
    if len(near) > 60:
        near = near[:57] + "..."
    missing = f" (missing {node.type!r})" if node.is_missing else ""
    return f"{path}:{row + 1}:{column}: syntax error near {near!r}{missing}"


def swift_sources(directory: Path) -> list[Path]:
    """The `.swift` files under a directory, leaving out hidden folders such as SwiftPM's `.build`."""
    return sorted(
        path
        for path in directory.rglob("*.swift")
        if not any(part.startswith(".") for part in path.relative_to(directory).parts[:-1])
    )


def main() -> int:
    arguments = argparse.ArgumentParser(description="Check that Swift sources parse, without a Swift toolchain.")
    arguments.add_argument("directory", nargs="?", type=Path, default=Path(__file__).parent)
    directory: Path = arguments.parse_args().directory
    sources = swift_sources(directory)
    if not sources:
        print(f"no Swift files under {directory}", file=sys.stderr)
        return 1
    parser = Parser(Language(tree_sitter_swift.language()))
    failed = 0
    for path in sources:
        source = path.read_bytes()
        errors = list(syntax_errors(parser.parse(without_attribute_conditions(source)).root_node))
        failed += bool(errors)
        for error in errors[:SHOWN_PER_FILE]:
            print(describe(path, source, error))
        if len(errors) > SHOWN_PER_FILE:
            print(f"{path}: {len(errors) - SHOWN_PER_FILE} more syntax errors")
    if failed:
        print(f"{failed} of {len(sources)} Swift files do not parse")
        return 1
    print(f"{len(sources)} Swift files parse")
    return 0


if __name__ == "__main__":
    sys.exit(main())
