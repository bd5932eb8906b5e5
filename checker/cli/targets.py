"""Where the outputs go, checked before any work is done: a wrong ``--output`` fails in a second, as one
line naming it (exit 2), not after the analysis with a traceback; and no output ever lands on a file the
user gave as input.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from checker.errors import CheckerError
from checker.model import printable_name


def check_target(target: Path, *, folder: bool = False, inputs: Iterable[str | Path | None] = ()) -> None:
    """Refuse ``target`` unless the output can be written there.

    ``folder``: the output is a folder of pages (created if missing, its parent must exist).
    ``inputs``: files this run reads; an output onto one of them would destroy it.
    """
    name = str(target)
    if folder:
        if target.exists() and not target.is_dir():
            raise CheckerError(name, "已存在同名的文件，不能作为输出目录",
                               "a file of this name exists; it cannot be the output folder")
    elif target.is_dir():
        raise CheckerError(name, "这是一个目录，请给出输出文件的名字", "this is a folder; give the output file's name")
    written = (target, target / "index.html") if folder else (target,)
    if any(_same(out, Path(given)) for out in written for given in inputs if given and given != "-"):
        raise CheckerError(name, "与输入文件是同一个文件，拒绝覆盖（请换一个输出文件名）",
                           "this is one of the input files; refused to overwrite it")
    place = target if folder and target.is_dir() else target.parent
    if not place.exists():
        raise CheckerError(name, f"输出目录不存在（{printable_name(str(place))}），请先创建", f"the output folder {printable_name(str(place))} does not exist")
    if not place.is_dir():
        raise CheckerError(name, f"{printable_name(str(place))} 不是目录，无法在其中写入", f"{printable_name(str(place))} is not a folder")
    if target.is_file() and not os.access(target, os.W_OK):
        raise CheckerError(name, "文件是只读的，无法写入", "the file is read-only")
    try:  # the only sure test of a folder (read-only mounts, ACLs, root's /proc): make a file there
        fd, probe = tempfile.mkstemp(dir=place, prefix=".checker-probe-")
    except OSError as e:
        raise CheckerError(name, f"无法写入（{e.strerror}）", f"cannot write here ({e.strerror})") from None
    os.close(fd)
    os.unlink(probe)


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): not the same file
        return False


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or below it (after resolving links)."""
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(folder))
    except ValueError:
        return False
    return True
