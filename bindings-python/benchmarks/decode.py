"""Decoding a 100-item ListDelta page: drivekit's models against bare `json.loads` and the official SDK.

    python benchmarks/decode.py

The official SDK (`alibabacloud-pds20220301`) is measured when it is importable; `benchmarks/run` installs it in the
benchmark's own virtual environment.
"""

from __future__ import annotations

import importlib
import json
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import drivekit

PAGE = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "pds" / "list_delta" / "page_100_items.json"


def per_call_us(work: Callable[[], object], budget_s: float = 1.0) -> float:
    """The best of five runs, in microseconds per call."""
    number = max(1, int(budget_s / 5 / max(timeit.timeit(work, number=3) / 3, 1e-9)))
    return min(timeit.repeat(work, number=number, repeat=5)) / number * 1e6


def main() -> None:
    body = PAGE.read_bytes()

    def drivekit_page() -> object:
        return drivekit.decode_response("ListDelta", status=200, body=body)

    def drivekit_every_item() -> object:
        page = drivekit.decode_response("ListDelta", status=200, body=body)
        return [change.file.name for change in page.items if change.file]

    results: dict[str, float] = {
        "json.loads": per_call_us(lambda: json.loads(body)),
        "drivekit (page object, fields read on access)": per_call_us(drivekit_page),
        "drivekit (and every item's file name read)": per_call_us(drivekit_every_item),
    }
    try:
        sdk_models: Any = importlib.import_module("alibabacloud_pds20220301.models")
    except ImportError:
        sdk_models = None
    if sdk_models is not None:
        results["official SDK (json.loads + from_map)"] = per_call_us(
            lambda: sdk_models.ListDeltaResponseBody().from_map(json.loads(body))
        )

    baseline = results["json.loads"]
    print(f"Decoding a {len(body):,}-byte ListDelta page of 100 items")
    for name, micros in results.items():
        print(f"  {name:<48} {micros:9.1f} us   {micros / baseline:5.2f}x json.loads")
    if sdk_models is None:
        print("  (official SDK not installed: run benchmarks/run to compare with it)")
    else:
        official = results["official SDK (json.loads + from_map)"]
        print(f"  drivekit is {official / results['drivekit (page object, fields read on access)']:.1f}x faster than the official SDK")


if __name__ == "__main__":
    main()
