"""Per-stage CPU cost of the pipeline, and a digest of its output to prove a speed-up changed nothing.

Runs every stage, batch by batch as the pipeline does, over the first N articles of the ``bench/scale.py`` corpus
(recombined paragraphs) plus the sample corpus and the seeds, and prints CPU milliseconds per article for each stage
and for the whole (the garbage collections after each batch included).
``--write-digest F`` stores one hash per output record (its JSON without the run-time timestamps);
``--check-digest F`` recomputes them and lists the records whose output differs. Asserts nothing.

    python bench/stage_speed.py --n 400 --write-digest /tmp/before.json   # on the old code
    python bench/stage_speed.py --n 400 --check-digest /tmp/before.json   # on the new code
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, machine, sample_texts  # noqa: E402

from scale import write_corpus  # noqa: E402
from zhiku.collect.files import read_bytes  # noqa: E402
from zhiku.collector import collector_paused  # noqa: E402
from zhiku.errors import InputError  # noqa: E402
from zhiku.pipeline import BATCH, Pipeline, batched  # noqa: E402
from zhiku.settings import Settings  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
RUN_TIME_FIELDS = ("fetched_at", "processed_at")


def inputs(n: int) -> list:
    """Records read from the sample corpus, the seeds (when present) and ``n`` corpus articles."""
    blobs = [(data, "sample.txt") for data in sample_texts()]
    blobs += [(p.read_bytes(), p.name) for p in sorted(SEEDS.glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        write_corpus(path, n)
        blobs += [(line.encode("utf-8"), "corpus.jsonl") for line in path.read_text(encoding="utf-8").splitlines()]
    return [r for data, origin in blobs for r in read_bytes(data, origin) if not isinstance(r, InputError)]


def reference(records) -> tuple[float, float]:
    """CPU seconds of bare segmentation and of part-of-speech tagging over the records' titles and texts."""
    from zhiku.text.segment import segment, tag

    texts = [(r.title or "") + "\n" + r.text for r in records]
    segment(texts[0]), tag(texts[0])  # dictionaries load outside the timing
    out = []
    for fn in (segment, tag):
        start = time.process_time()
        for text in texts:
            fn(text)
        out.append(time.process_time() - start)
    return out[0], out[1]


def digest(record) -> str:
    data = record.model_dump(mode="json", exclude_none=True)
    for name in RUN_TIME_FIELDS:
        data.pop(name, None)
    _drop_times(data)
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]


def _drop_times(node) -> None:
    """Remove run-time timestamps wherever they sit (stage metadata)."""
    if isinstance(node, dict):
        for key in [k for k in node if k in RUN_TIME_FIELDS or k.endswith("_at") and k != "published_at"]:
            node.pop(key)
        for value in node.values():
            _drop_times(value)
    elif isinstance(node, list):
        for value in node:
            _drop_times(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=400, help="corpus articles besides the sample and seeds")
    parser.add_argument("--write-digest", type=Path)
    parser.add_argument("--check-digest", type=Path)
    args = parser.parse_args()

    records = inputs(args.n)
    pipeline = Pipeline.from_settings(Settings())
    for rec in records[:5]:  # load dictionaries and taxonomies outside the timing
        pipeline.run(rec.model_copy(deep=True))
    cpu: dict[str, float] = defaultdict(float)
    digests: list[str] = []
    total = 0.0  # the stages and the garbage collections after each batch
    for batch in batched(records, BATCH):  # stage by stage over a batch, as ``Pipeline.run_batch`` runs them
        begun = time.process_time()
        current = batch
        with collector_paused():
            for stage in pipeline.stages:
                start = time.process_time()
                nxt = []
                for item in current:
                    out = stage(item)
                    nxt.extend(out if isinstance(out, list) else [out])
                cpu[stage.name] += time.process_time() - start
                current = nxt
        nxt = []  # a new container: the collection the batch held off runs here, inside the timing
        total += time.process_time() - begun
        digests += [digest(r) for r in current]

    seg, pos = reference(records)
    print(f"machine: {machine()}")
    print(f"{len(records)} inputs -> {len(digests)} records; CPU ms per input article, and as a multiple of bare "
          f"segmentation (rjieba cut of title + text, the issue's yardstick):")
    for name, seconds in cpu.items():
        print(f"  {name:<10} {1000 * seconds / len(records):7.2f} ms  ({len(records) / seconds:7.1f} per CPU-s)"
              f"  {seconds / seg:6.1f} x")
    between = total - sum(cpu.values())
    print(f"  {'between':<10} {1000 * between / len(records):7.2f} ms  (garbage collections after each batch)")
    print(f"  {'whole':<10} {1000 * total / len(records):7.2f} ms  ({len(records) / total:7.1f} per CPU-s)"
          f"  {total / seg:6.1f} x   (the issue's goal: at most 4 x)")
    print(f"  reference: segmentation {1000 * seg / len(records):.2f} ms, part-of-speech tagging (which keywords "
          f"need) {1000 * pos / len(records):.2f} ms = {pos / seg:.1f} x")
    if args.write_digest:
        args.write_digest.write_text(json.dumps(digests))
        print(f"digest of {len(digests)} records written to {args.write_digest}")
    if args.check_digest:
        before = json.loads(args.check_digest.read_text())
        changed = [i for i, (a, b) in enumerate(zip(before, digests, strict=False)) if a != b]
        if len(before) != len(digests):
            print(f"DIFFERENT: {len(before)} records before, {len(digests)} now")
        print(f"{'IDENTICAL' if not changed and len(before) == len(digests) else 'CHANGED'}: "
              f"{len(changed)} of {len(digests)} records differ {changed[:20]}")


if __name__ == "__main__":
    main()
