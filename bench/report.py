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


def _name(name: str, r: dict[str, Any], queries: int) -> str:
    return NAMES[name] + (f" — on {r['queries']} of the {queries} queries" if r.get("queries", queries) < queries else "")


def _store_rate(s: dict[str, Any]) -> float:
    return s["reports"] / max(s["archive_build_s"]["store"], 1e-12)


def _scale(s: dict[str, Any]) -> list[str]:
    m, b = s["methods"], s["build_s"]
    mem = s["archive_memory"]
    queries = m["archive"].get("queries", 0)
    ab = s.get("archive_build_s")
    lines = [
        f"#### {s['reports']:,} archived reports",
        "",
        f"Archived text: {s['archived_chars']:,} characters ({_mb(s['archived_bytes'])} UTF-8). "
        f"Build: archive {b['archive']:.1f} s ({_mb(s['archive_file_bytes'])} SQLite file"
        + (f"; normalising and hashing {ab['prepare']:.1f} s, storing with `Archive.add_many` {ab['store']:.1f} s, "
           f"{_store_rate(s):,.0f} reports/s)" if ab else ", one `Archive.add` transaction per report)")
        + f", brute-force sentence list {b['brute']:.1f} s ({s['brute_sentences']:,} sentences in memory), "
        + (f"sentence-hash index {b['indexed']:.1f} s from the brute-force list ({s['indexed_sentences']:,} distinct "
           "sentences), "
           if "indexed" in b else "")
        + (f"copydetect fingerprints {b['copydetect']:.1f} s (all in memory)." if "copydetect" in b
           else "copydetect not run at this scale (it holds every fingerprint in Python memory and compares the "
                "query with each)."),
        "",
        "| method | s / query (mean) | archive faster by | precision | recall | granularity | plagdet "
        "| runs ≥ 13 found | runs ≥ 13 chars | false chars, independent |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, r in m.items():
        ratio = r["mean_s"] / m["archive"]["mean_s"]
        lines.append(
            f"| {_name(name, r, queries)} | {r['mean_s']:.4f} | {'—' if name == 'archive' else f'{ratio:,.1f}×'} "
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


def _growth(scales: list[dict[str, Any]]) -> list[str]:
    """The archive's figures scale by scale: what docs/scale.md extrapolates from."""
    lines = ["| archived reports | SQLite file | per report | build: storing | build: with normalising "
             "| then one `add` | then 200 by `add_many` "
             "| look-up s / query | of which `candidates` | indexed baseline s / query | brute force s / query "
             "| archive vs brute force | archive vs indexed |",
             "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for s in scales:
        m, ab = s["methods"], s.get("archive_build_s")
        rate = f"{_store_rate(s):,.0f} /s" if ab else "—"
        total = f"{s['reports'] / s['build_s']['archive']:,.0f} /s"
        later = s.get("archive_later")
        then = (f"{later['single_s'] * 1e3:.0f} ms | {later['batch_rate']:,.0f} /s" if later else "— | —")
        brute = m["brute"]
        lines.append(
            f"| {s['reports']:,} | {_mb(s['archive_file_bytes'])} | {s['archive_file_bytes'] / s['reports'] / 1e3:.1f} KB "
            f"| {rate} | {total} | {then} | {m['archive']['mean_s']:.4f} | {s['archive_stages_s']['candidates']:.4f} "
            f"| {m['indexed']['mean_s']:.4f} | {brute['mean_s']:.3f}"
            + (f" ({brute['queries']} queries)" if brute.get("queries", 0) < m["archive"].get("queries", 0) else "")
            + f" | {s['speedup']['brute']:,.0f}× | {s['speedup']['indexed']:.2f}× |")
    return lines


def _targets(scales: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The issue's targets at the largest scale (copydetect's at the largest it ran): table rows and misses."""
    s = scales[-1]
    m = s["methods"]
    ours = m["archive"]
    mem = s["archive_memory"]
    rows = [
        ("≥ 100× faster than brute force", f"{s['speedup']['brute']:,.1f}×", s["speedup"]["brute"] >= 100),
        ("recall ≥ 0.99 for reused runs of ≥ 13 characters (characters; cases found)",
         f"{ours['runs13_chars']:.3f}; {ours['runs13_detected']:.3f}",
         ours["runs13_chars"] >= 0.99 and ours["runs13_detected"] >= 0.99),
        ("recall ≥ 0.99 overall (characters)", f"{ours['recall']:.3f}", ours["recall"] >= 0.99),
        ("precision ≥ 0.99 (characters)", f"{ours['precision']:.3f}", ours["precision"] >= 0.99),
    ]
    cd_scale = next((c for c in reversed(scales) if "copydetect" in c["methods"]), None)
    if cd_scale is not None:
        at = "" if cd_scale is s else f" (at {cd_scale['reports']:,}: not run above)"
        mine, cd, cd13 = (cd_scale["methods"][k] for k in ("archive", "copydetect", "copydetect≥13"))
        rows += [
            ("faster than copydetect" + at, f"{cd_scale['speedup']['copydetect']:,.1f}×",
             cd_scale["speedup"]["copydetect"] > 1),
            ("precision and recall ≥ copydetect's (as is)" + at,
             f"P {mine['precision']:.3f} vs {cd['precision']:.3f}, R {mine['recall']:.3f} vs {cd['recall']:.3f}",
             mine["precision"] >= cd["precision"] and mine["recall"] >= cd["recall"]),
            ("precision and recall ≥ copydetect's with our 13-character floor" + at,
             f"P {mine['precision']:.3f} vs {cd13['precision']:.3f}, R {mine['recall']:.3f} vs {cd13['recall']:.3f}",
             mine["precision"] >= cd13["precision"] and mine["recall"] >= cd13["recall"]),
        ]
    rows.append(("a look-up does not load every archived text",
                 f"{mem['fetched_texts_max']} of {s['reports']:,} texts; peak {_mb(mem['peak_bytes_max'])} vs "
                 f"{_mb(s['archived_bytes'])}", mem["fetched_texts_max"] < s["reports"] / 10))
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
    cd = f" and copydetect {m['copydetect']['mean_s']:.3f} s" if "copydetect" in m else ""
    out.append(
        f"Speed: the archive look-up takes {ours['mean_s']:.3f} s per query, the indexed sentence-hash baseline "
        f"{m['indexed']['mean_s']:.4f} s, brute force {m['brute']['mean_s']:.3f} s{cd}. "
        f"{share:.0%} of the look-up is `Archive.candidates`, "
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
    out.append(
        "What the boilerplate flag costs: a passage is set aside when what is left of it besides boilerplate is "
        "shorter than a reused run (13 characters). Boilerplate is the checklist's formulas and the text the "
        "archive finds common (grams used by ≥ 3 bodies, or 2% of them). A gram that straddles a formula and the "
        "first or last character of the word beside it is common because many words share that character (政务, "
        "政策, 政府 …); counted whole, each such gram took a character of the report's own words into the "
        "boilerplate, and a sentence of a formula and 14 own characters was set aside. A run of common grams now "
        "covers its text less its first and last character (`align.covered_within`), the checklist's formulas "
        "exactly. Ground truth: a reused sentence must have ≥ 13 counted characters besides its formulas, the "
        "unit the measures count; the generator used to count the formula's characters too, so some cases were "
        "an inline formula with 6–11 characters of drawn words around it — too short to be evidence for the "
        "checker or a reviewer — and were scored as misses.")
    out.append(
        "What is still missed: a reused run of 13–18 characters that is all a query shares with a peer's report "
        "(one peer case: a 14-character sentence). Winnowing keeps at least one fingerprint in every run of ≥ 13 "
        "characters, but `Archive.candidates` asks for two within 32 characters of each other before it fetches "
        "a report; single shared fingerprints are mostly chance (4–20 reports per query at 10,000), and fetching "
        "them would multiply the look-up's cost.")
    alone = ours["independent_false_chars"]
    if alone:
        out.append(
            f"Chance: at {big['reports']:,} reports the independent queries share {alone} counted characters with "
            "archived reports by chance (brute force finds such sentences too): with prose drawn from ~1,800 "
            "words, unrelated reports begin to share runs of 13+ characters at this size, so the corpus no longer "
            "keeps chance out of the measure entirely.")
    later = [s for s in scales if "archive_later" in s]
    if later:
        out.append(
            "Growth: the archive file is " + ", ".join(
                f"{s['archive_file_bytes'] / s['reports'] / 1e3:.1f} KB" for s in scales)
            + " a report (" + ", ".join(f"{s['reports']:,}" for s in scales) + "): linear. An empty archive is "
            "filled by `Archive.add_many`'s bulk load (rows appended, the hash index and gram counts built once at "
            "the end): " + ", ".join(f"{_store_rate(s):,.0f}" for s in scales) + " reports/s of storing. Adding to "
            "an archive already that large keeps every index in order as it goes: one report " + ", ".join(
                f"{s['archive_later']['single_s'] * 1e3:.0f} ms" for s in later) + ", 200 at once " + ", ".join(
                f"{s['archive_later']['batch_rate']:,.0f}" for s in later) + " reports/s — each report's ~570 "
            "fingerprints land on ~570 random pages of each of three indexes, so the rate falls as they outgrow "
            "the page cache. A year's reports arrive at well under one a second (docs/scale.md).")
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
    table, misses = _targets(results["scales"])
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
        "### The archive as it grows",
        "",
        *_growth(results["scales"]),
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
