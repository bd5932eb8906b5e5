"""The reuse section of bench/results.md, from the figures of results.json: tables, targets, reading.

The section sits between its own markers; whatever else the file holds (the fuzz figures of
``make fuzz``) is kept as it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.sections import write_section

BEGIN, END = "<!-- reuse:begin -->", "<!-- reuse:end -->"
NAMES = {"archive": "archive look-up (checker)",
         "archive+boilerplate": "↳ diagnostic: with the passages it flags as boilerplate",
         "brute": "brute force (rapidfuzz, every sentence)",
         "indexed": "indexed baseline (exact hashes of normalised sentences, dict)",
         "copydetect": "copydetect (k, window as ours)", "copydetect≥13": "↳ copydetect, slices ≥ 13 chars"}


def write(path: Path, results: dict[str, Any]) -> None:
    """Put the reuse section into ``path``, in place of an earlier one, keeping the rest of the file."""
    write_section(path, [BEGIN, markdown(results).rstrip("\n"), END])


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def _scale(s: dict[str, Any]) -> list[str]:
    m, b = s["methods"], s["build_s"]
    mem = s["archive_memory"]
    lines = [
        f"#### {s['reports']:,} archived reports",
        "",
        f"Archived text: {s['archived_chars']:,} characters ({_mb(s['archived_bytes'])} UTF-8). "
        f"Build: archive {b['archive']:.1f} s ({_mb(s['archive_file_bytes'])} SQLite file, one `Archive.add` "
        f"transaction per report), brute-force sentence list {b['brute']:.1f} s "
        f"({s['brute_sentences']:,} sentences in memory), "
        + (f"sentence-hash index {b['indexed']:.1f} s ({s['indexed_sentences']:,} distinct sentences), "
           if "indexed" in b else "")
        + f"copydetect fingerprints {b['copydetect']:.1f} s "
        "(all in memory).",
        "",
        "| method | s / query (mean) | archive faster by | precision | recall | granularity | plagdet "
        "| runs ≥ 13 found | runs ≥ 13 chars | false chars, independent |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, r in m.items():
        ratio = r["mean_s"] / m["archive"]["mean_s"]
        lines.append(
            f"| {NAMES[name]} | {r['mean_s']:.4f} | {'—' if name == 'archive' else f'{ratio:,.1f}×'} "
            f"| {r['precision']:.3f} | {r['recall']:.3f} | {r['granularity']:.3f} | {r['plagdet']:.3f} "
            f"| {r['runs13_detected']:.3f} | {r['runs13_chars']:.3f} | {r['independent_false_chars']} |")
    kinds = list(m["archive"]["by_kind"])
    lines += ["", "Recall by edit kind (share of cases found / share of their characters found):", "",
              "| kind | " + " | ".join(NAMES[n] for n in m) + " |", "|---|" + "--:|" * len(m)]
    for k in kinds:
        cells = [f"{m[n]['by_kind'][k]['detected']:.2f} / {m[n]['by_kind'][k]['chars']:.2f}" for n in m]
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    st = s["archive_stages_s"]
    lines += [
        "",
        f"Archive look-up per query: `Archive.candidates` (with normalising and hashing the query) "
        f"{st['candidates']:.4f} s, fetching the candidates and aligning {st['fetch_align']:.4f} s. "
        f"Texts fetched per look-up: {mem['fetched_texts_mean']:.1f} on average (at most "
        f"{mem['fetched_texts_max']}), {mem['fetched_chars_mean']:,.0f} characters of the {s['archived_chars']:,} "
        f"archived. Peak Python memory of one look-up (tracemalloc): {_mb(mem['peak_bytes_max'])}, against "
        f"{_mb(s['archived_bytes'])} of archived text.",
        "",
    ]
    return lines


def _targets(s: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The issue's targets at the largest scale: table rows and the misses."""
    m = s["methods"]
    ours, cd, cd13 = m["archive"], m["copydetect"], m["copydetect≥13"]
    mem = s["archive_memory"]
    rows = [
        ("≥ 100× faster than brute force", f"{s['speedup']['brute']:,.1f}×", s["speedup"]["brute"] >= 100),
        ("recall ≥ 0.99 for reused runs of ≥ 13 characters (characters; cases found)",
         f"{ours['runs13_chars']:.3f}; {ours['runs13_detected']:.3f}",
         ours["runs13_chars"] >= 0.99 and ours["runs13_detected"] >= 0.99),
        ("faster than copydetect", f"{s['speedup']['copydetect']:,.1f}×", s["speedup"]["copydetect"] > 1),
        ("precision and recall ≥ copydetect's (as is)",
         f"P {ours['precision']:.3f} vs {cd['precision']:.3f}, R {ours['recall']:.3f} vs {cd['recall']:.3f}",
         ours["precision"] >= cd["precision"] and ours["recall"] >= cd["recall"]),
        ("precision and recall ≥ copydetect's with our 13-character floor",
         f"P {ours['precision']:.3f} vs {cd13['precision']:.3f}, R {ours['recall']:.3f} vs {cd13['recall']:.3f}",
         ours["precision"] >= cd13["precision"] and ours["recall"] >= cd13["recall"]),
        ("a look-up does not load every archived text",
         f"{mem['fetched_texts_max']} of {s['reports']:,} texts; peak {_mb(mem['peak_bytes_max'])} vs "
         f"{_mb(s['archived_bytes'])}", mem["fetched_texts_max"] < s["reports"] / 10),
    ]
    table = [f"| {what} | {value} | {'met' if ok else '**not met**'} |" for what, value, ok in rows]
    return table, [what for what, _, ok in rows if not ok]


def _interpretation(results: dict[str, Any], misses: list[str]) -> list[str]:
    scales = results["scales"]
    big, small = scales[-1], scales[0]
    m = big["methods"]
    ours, kept = m["archive"], m["archive+boilerplate"]
    st = big["archive_stages_s"]
    share = st["candidates"] / max(st["candidates"] + st["fetch_align"], 1e-12)
    growth = st["candidates"] / max(small["archive_stages_s"]["candidates"], 1e-12)
    out = [f"At {big['reports']:,} archived reports: " + ("every target is met." if not misses
           else "not met: " + "; ".join(misses) + ".")]
    out.append(
        f"Speed: the archive look-up takes {ours['mean_s']:.3f} s per query, brute force {m['brute']['mean_s']:.3f} s "
        f"and copydetect {m['copydetect']['mean_s']:.3f} s. {share:.0%} of the look-up is `Archive.candidates`, "
        f"whose time grew {growth:,.0f}× from {small['reports']:,} to {big['reports']:,} reports, while fetching "
        f"and aligning the candidates took {st['fetch_align']:.3f} s.")
    if share > 0.5 and growth > big["reports"] / small["reports"] / 10:
        out.append(
            "So the candidate query, not the alignment, grows with the archive, in proportion to it. When this "
            "benchmark was written, `EXPLAIN QUERY PLAN` of the query that finds the grams shared by ≥ 3 bodies "
            "showed `SCAN g USING INDEX grams_hash` — a walk over every row of `grams` — instead of one index "
            "search per query hash; and even searched per hash, the formula grams that every report contains "
            "have as many postings as there are reports.")
    out.append(
        f"Quality: precision {ours['precision']:.3f}, recall {ours['recall']:.3f}, granularity "
        f"{ours['granularity']:.3f}; reused runs of ≥ 13 characters: {ours['runs13_chars']:.3f} of their "
        f"characters found ({kept['runs13_chars']:.3f} if the passages flagged as boilerplate were kept).")
    if kept["runs13_chars"] > ours["runs13_chars"]:
        out.append(
            "The runs lost are passages that `analyse_reuse` flags as boilerplate: ≥ 50% of their canonical "
            "characters covered by boilerplate grams — the checklist's formulas and the grams that ≥ 3 bodies' "
            "archived reports share. A reused sentence with a formula in it is flagged when the formula fills "
            "half of it; and the more reports are archived, the more of the grams that straddle a formula and the "
            "word beside it are shared by ≥ 3 bodies, each covering K characters, so the covered stretch reaches "
            "up to K − 1 characters past the formula. That is why recall falls as the archive grows.")
    out.append(
        "Swapped words cost the archive look-up the cases where the unchanged text on one side of the swap is "
        "shorter than a gram (K characters). Brute force finds whole sentences, so it misses merged sentences, "
        "sentences whose punctuation was turned into clause breaks, and fragments inside new sentences; "
        "copydetect reports every shared winnowed 8-gram, so the formulas' neighbours and chance 8-grams become "
        "detections (its precision, which falls as the archive grows), and its slices stop at the outermost "
        "fingerprints (its recall). Even with the checker's 13-character floor, copydetect's precision falls "
        "with the archive, because it has no notion of grams that many bodies share.")
    out.append(
        "Memory: the look-up fetches only the candidates' texts, and its Python allocations stay the same "
        "whatever the archive's size (SQLite's page cache, 2 MB by default, is outside tracemalloc). The "
        "baselines hold every archived sentence or fingerprint in memory. The checker's `pipeline.compare` also "
        "runs `prepare` (outline, rules) on each fetched text; that is not timed here.")
    return out


def markdown(results: dict[str, Any]) -> str:
    c, mach = results["corpus"], results["machine"]
    table, misses = _targets(results["scales"][-1])
    lines = [
        "## Reuse look-up (`make bench`)",
        "",
        f"Generated by `{results['command']}` (`make bench` runs it with the defaults) on {results['date']}, "
        f"in {results['total_s']:.0f} s; peak memory of the whole run {_mb(results['peak_rss_bytes'])}.",
        "",
        f"Machine: {mach['platform']}, {mach['processor']}, {mach['cpus']} CPUs, {mach['memory']} RAM; "
        f"Python {mach['python']}, SQLite {mach['sqlite']}, numpy {mach['numpy']}, rapidfuzz {mach['rapidfuzz']}, "
        f"copydetect {mach['copydetect']}. All methods run single-threaded.",
        "",
        "### What is measured",
        "",
        f"Corpus (bench/corpus.py, seed {c['seed']}): synthetic reports in the national outline, prose drawn "
        f"uniformly from {c['vocabulary']} pkuseg words of the seed and example reports, "
        f"{c['mean_report_chars']:,.0f} characters on average. {c['queries_reusing']} queries each restate "
        "stretches of their body's previous report under every edit kind (" + ", ".join(
            f"{k} {n}" for k, n in c["cases"].items()) + " cases) among new text; "
        f"{c['queries_independent']} independently written queries have nothing to find. {c['runs13']} cases "
        "are canonical runs of ≥ 13 counted characters besides formulas (everything but swapped words).",
        "",
        "Measures (bench/metrics.py): PAN text-alignment precision, recall, granularity and plagdet, on the query's "
        "counted characters (the checker's unit) outside the boilerplate formulas; a detection counts for a case "
        "when it names the case's source report. Times are the mean wall time of one query, normalising "
        "included, after one warm-up query; build times are separate. Parameters of checker/reuse/align.py: "
        + ", ".join(f"{k} = {v}" for k, v in results["parameters"].items()) + ".",
        "",
        f"### Targets at {results['scales'][-1]['reports']:,} archived reports",
        "",
        "| target | figure | |",
        "|---|---|---|",
        *table,
        "",
        "### Results",
        "",
    ]
    for s in results["scales"]:
        lines += _scale(s)
    lines += ["### Interpretation", ""]
    for paragraph in _interpretation(results, misses):
        lines += [paragraph, ""]
    return "\n".join(lines)
