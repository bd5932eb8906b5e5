"""Install the pkuseg segmentation model into the user's cache: ``python -m checker.setup_model [--force]``.

Why this way: spaCy's own pkuseg download fetches a different model from a code-hosting site at run time;
we take the ``default`` model shipped inside the ``pkuseg`` source distribution on the package index,
fetched with the ordinary pip client, pinned by version and sha256. The pickled feature table is converted
once to spacy-pkuseg's msgpack format, and integer feature tables are built beside it
(text/feature_table.py: what the checker actually reads, so a check starts in about a second). The model is assembled in
a temporary directory beside the target and renamed into place, so an interrupted run never leaves half a
model behind. Exit code 0 on success, 2 on failure (like every set-up error of the checker).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from checker.text import feature_table
from checker.text.nlp import MODEL_FILES, PKUSEG_VERSION, model_dir, model_ready, setup_command

SDIST_NAME = f"pkuseg-{PKUSEG_VERSION}.tar.gz"
SDIST_SHA256 = "dd012bf93689721c9574bc2b2ba98fb4ac22790cec0af354a78e217828b81e91"
MEMBERS = ("features.pkl", "weights.npz")
_MEMBER_DIR = f"pkuseg-{PKUSEG_VERSION}/pkuseg/models/default/"


class SetupFailed(Exception):
    """A step failed; the message is the Chinese line shown to the user."""


def pip_command(dest: Path) -> list[str]:
    # --no-binary: the model files are only in the source distribution. --no-build-isolation: pip
    # prepares the sdist's metadata with this environment's setuptools and numpy (both dependencies of
    # the checker, so this works in a pipx or pre-commit environment too); the sdist ships its generated
    # C sources, so Cython is not needed.
    return [
        sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
        "--no-build-isolation", f"pkuseg=={PKUSEG_VERSION}", "-d", str(dest),
    ]  # fmt: skip


def download_sdist(dest: Path) -> Path:
    cmd = pip_command(dest)
    print(f"正在通过 pip 下载 pkuseg=={PKUSEG_VERSION} 源码包（约 49 MB）……", file=sys.stderr)
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-5:])
        raise SetupFailed(
            f"pip 下载 pkuseg=={PKUSEG_VERSION} 源码包失败（退出码 {proc.returncode}）。"
            "请检查网络与软件包索引配置，并确认本环境装有 checker 的依赖（numpy、setuptools），"
            f"然后重试：{setup_command()}。"
            f"\npip 输出的最后几行：\n{tail}"
        )
    sdist = dest / SDIST_NAME
    if not sdist.is_file():
        raise SetupFailed(f"pip 运行成功，但未在 {dest} 中找到 {SDIST_NAME}。")
    return sdist


def verify_sha256(sdist: Path) -> None:
    digest = hashlib.sha256()
    with sdist.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != SDIST_SHA256:
        raise SetupFailed(
            f"{sdist.name} 的 sha256 校验失败（得到 {digest.hexdigest()}，应为 {SDIST_SHA256}），"
            "文件可能损坏或被篡改，已停止安装。"
        )


def extract_model(sdist: Path, target: Path) -> None:
    """Copy only the two model files out of the archive (no other member is ever written)."""
    try:
        with tarfile.open(sdist, "r:gz") as tar:
            for name in MEMBERS:
                member = tar.getmember(_MEMBER_DIR + name)
                src = tar.extractfile(member)
                if src is None:
                    raise KeyError(name)
                with src, (target / name).open("wb") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
    except (KeyError, tarfile.TarError, OSError) as exc:
        raise SetupFailed(f"无法从 {sdist.name} 中取出模型文件：{exc}") from exc


def convert_features(target: Path) -> None:
    """features.pkl → features.msgpack with spacy-pkuseg's own reader and writer, then check it loads."""
    from spacy_pkuseg.feature_extractor import FeatureExtractor
    from spacy_pkuseg.model import Model

    # FeatureExtractor.load prints a warning when it falls back to the pickle; that is expected here.
    with contextlib.redirect_stderr(io.StringIO()):
        legacy = FeatureExtractor.load(str(target))
    if legacy is None:
        raise SetupFailed("无法读取 features.pkl，模型文件可能已损坏。")
    legacy.save(str(target))
    converted = FeatureExtractor.load(str(target))
    if (
        converted is None
        or converted.feature_to_idx != legacy.feature_to_idx
        or converted.tag_to_idx != legacy.tag_to_idx
    ):
        raise SetupFailed("features.msgpack 转换后校验失败，已停止安装。")
    model = Model.load(str(target))
    if model.n_feature != len(converted.feature_to_idx):
        raise SetupFailed("weights.npz 与特征表不匹配，已停止安装。")
    (target / "features.pkl").unlink()


def build_table(model: Path) -> Path:
    """The memory-mapped feature tables the segmenter reads (see text/feature_table.py), built once here so
    that no check pays for it; a check still builds it itself if an older cache lacks it."""
    try:
        return feature_table.ensure(model)
    except (feature_table.TableError, ValueError, KeyError, TypeError) as exc:
        raise SetupFailed(f"无法由模型文件生成分词特征表：{exc}") from exc


def install(target: Path, sdist: Path | None = None) -> None:
    """Build the model in a sibling temp directory and rename it to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".pkuseg-staging-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the model is not secret
    try:
        with tempfile.TemporaryDirectory(prefix="checker-pkuseg-") as download:
            archive = sdist if sdist is not None else download_sdist(Path(download))
            verify_sha256(archive)
            extract_model(archive, staging)
        convert_features(staging)
        build_table(staging)  # file inodes and times survive the rename, so the table stays valid
        if not model_ready(staging):
            raise SetupFailed("模型文件不完整，已停止安装。")
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=".pkuseg-old-", dir=target.parent))
            target.rename(old / "default")
        try:
            staging.rename(target)
        except OSError:
            # Another setup finished first: its complete model is as good as ours.
            if not model_ready(target):
                raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m checker.setup_model",
        description="下载并安装 pkuseg 分词模型到用户缓存目录（可用 CHECKER_MODEL_DIR 指定）。",
    )
    parser.add_argument("--force", action="store_true", help="即使模型已存在也重新安装")
    parser.add_argument("--sdist", type=Path, help=f"使用已下载的 {SDIST_NAME}（离线安装；仍校验 sha256）")
    args = parser.parse_args(argv)
    target = model_dir()
    if args.sdist is not None and not args.sdist.is_file():
        print(f"安装 pkuseg 分词模型失败：找不到源码包 {args.sdist}。", file=sys.stderr)
        return 2
    try:
        if model_ready(target) and not args.force:
            build_table(target)  # a cache from before the table gets it now
            print(f"pkuseg 分词模型已就绪：{target}")
            return 0
        install(target, args.sdist)
    except SetupFailed as exc:
        print(f"安装 pkuseg 分词模型失败：{exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"安装 pkuseg 分词模型失败：无法写入 {target.parent}（{exc}）。", file=sys.stderr)
        return 2
    print(f"pkuseg 分词模型已安装：{target}（{', '.join(MODEL_FILES)}）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
