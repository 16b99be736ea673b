"""All-or-nothing writes to the data: a change is staged, committed by one rename, then applied.

A change to ``data/`` goes through four steps:

1. every new file is written into ``data/.pending/`` (a full trial copy of the data with the change made,
   on the same filesystem, fsynced), where it can be validated before anything real is touched; a file
   outside the data (the review sheet) is staged as a hidden file beside its target, listed first in
   ``data/.pending/outside.json``;
2. ``data/.pending/manifest.json`` is written and renamed into place: the single commit point;
3. each target is replaced by its staged file with ``os.replace``;
4. ``data/.pending`` is renamed to ``data/.done`` and removed.

:func:`recover`, run at the start of every command, finishes what step 2 committed (roll forward) and
removes what it did not (roll back), and says so. The data directory is locked (``flock``) while a change
is made or recovered, so two commands never interleave.

Test hook: with ``VAWG_CRASH_AT=<step>`` the process kills itself (SIGKILL) on reaching that step, and
with ``VAWG_STEPS=<file>`` it appends each step's name to that file; tests use both to kill a command at
every step boundary.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import stat
from pathlib import Path, PurePosixPath

from .store import DataFileError

PENDING = ".pending"
DONE = ".done"
MANIFEST = "manifest.json"
OUTSIDE = "outside.json"
TREE = "tree"
# The name a review sheet is staged under, beside its target: nothing else outside the data is ever touched.
_STAGED_OUTSIDE = re.compile(r"\..+\.[0-9a-f]{8}\.pending")


class RecoveryError(DataFileError):
    """What a killed command left cannot be recovered safely (it is not what this program writes)."""


def step(name: str) -> None:
    """A step boundary: record it (VAWG_STEPS) and die here if asked to (VAWG_CRASH_AT)."""
    record = os.environ.get("VAWG_STEPS")
    if record:
        with open(record, "a", encoding="utf-8") as out:
            out.write(name + "\n")
    if os.environ.get("VAWG_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _fsync_dir(path: Path) -> None:
    """Make a directory's entries (renames, new files) durable."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_file(path: Path, content: bytes) -> None:
    """Create a new file with the repository's normal permissions (0666 less the umask), fsynced."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_json_atomically(path: Path, value) -> None:
    """Write JSON to a temporary name and rename it to ``path``: the file appears whole or not at all."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.unlink(missing_ok=True)
    write_file(temporary, json.dumps(value, indent=1).encode("utf-8"))
    os.replace(temporary, path)
    _fsync_dir(path.parent)


@contextlib.contextmanager
def locked(root: Path):
    """Hold an exclusive lock on the data directory (flock on the directory itself: no lock file in data/)."""
    try:
        import fcntl
    except ImportError:  # not on Linux or macOS: no lock
        yield
        return
    fd = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _apply(root: Path, entries: list[tuple[Path, Path, bool]]) -> list[str]:
    """Replace each target by its staged file (those still staged); return the problems with outside files."""
    problems = []
    for number, (staged, target, inside) in enumerate(entries, 1):
        if os.path.lexists(staged):
            try:
                os.replace(staged, target)
            except OSError as error:
                if inside:
                    raise
                problems.append(f"{target}: could not be written ({error.strerror or error})")
                staged.unlink(missing_ok=True)
            _fsync_dir(target.parent)
        step(f"replace:{number}")
    return problems


def _entries(root: Path, manifest, where: Path) -> list[tuple[Path, Path, bool]]:
    """The manifest's (staged, target, inside) files, each checked to be one this program stages: a file of the
    data staged under .pending/tree, or a review sheet staged beside it. A planted manifest moves nothing."""
    def refuse(message: str):
        raise RecoveryError(where, f"{message}; this is not a change this program staged, so nothing was done. "
                                   f"Look at {root / PENDING} and remove it")

    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list) or not isinstance(manifest.get("what"), str):
        refuse("the manifest is not an object with 'what' and a list of 'files'")
    entries, real_root = [], Path(os.path.realpath(root))
    for entry in manifest["files"]:
        if not isinstance(entry, dict) or not all(isinstance(entry.get(key), str) for key in ("staged", "target")):
            refuse(f"the entry {entry!r} does not give 'staged' and 'target' as text")
        if entry.get("inside", True) is True:
            relative = PurePosixPath(entry["target"])
            if (relative.is_absolute() or not relative.parts or any(part in ("", ".", "..") for part in relative.parts)
                    or entry["staged"] != str(PurePosixPath(PENDING, TREE, relative))):
                refuse(f"the entry {entry!r} is not a file of the data staged under {PENDING}/{TREE}")
            target = root / relative
            if not Path(os.path.realpath(target.parent)).is_relative_to(real_root):
                refuse(f"the entry {entry!r} would write outside the data directory")
            entries.append((root / entry["staged"], target, True))
        else:
            staged, target = Path(entry["staged"]), Path(entry["target"])
            if (not staged.is_absolute() or staged.parent != target.parent or target.suffix != ".csv"
                    or not _STAGED_OUTSIDE.fullmatch(staged.name) or not staged.name.startswith(f".{target.name}.")):
                refuse(f"the entry {entry!r} is not a review sheet staged beside its target")
            entries.append((staged, target, False))
    return entries


def _discard_outside(root: Path) -> None:
    """Remove the staged files outside the data that an unfinished change created."""
    listing = root / PENDING / OUTSIDE
    if listing.exists():
        try:
            staged = json.loads(listing.read_text(encoding="utf-8"))
        except ValueError:  # killed while writing it: the files it would list were never created
            staged = []
        for path in staged if isinstance(staged, list) else []:
            # Only a review sheet this program staged, never whatever a planted list names.
            if isinstance(path, str) and _STAGED_OUTSIDE.fullmatch(Path(path).name):
                with contextlib.suppress(OSError):
                    if stat.S_ISREG(os.lstat(path).st_mode):
                        Path(path).unlink()


def _finish(root: Path) -> None:
    """Step 4: retire the staging folder in one rename, then remove it."""
    pending, done = root / PENDING, root / DONE
    if done.exists():
        shutil.rmtree(done, ignore_errors=True)
    os.replace(pending, done)
    _fsync_dir(root)
    step("retired")
    shutil.rmtree(done, ignore_errors=True)
    _fsync_dir(root)


def recover(store_or_root, say=print) -> str | None:
    """Complete a committed change or undo an uncommitted one left by a killed command; say which."""
    root = Path(getattr(store_or_root, "root", store_or_root))
    if not (os.path.lexists(root / PENDING) or os.path.lexists(root / DONE)):
        return None
    with locked(root):
        return _recover(root, say)


def _recover(root: Path, say) -> str | None:
    """Recovery itself, with the data directory locked."""
    pending, done = root / PENDING, root / DONE
    for folder in (pending, done):
        if os.path.lexists(folder) and not stat.S_ISDIR(os.lstat(folder).st_mode):
            raise RecoveryError(folder, "is not a staging folder this program made (it is a file or a link); "
                                        "look at it and remove it, then run the command again")
    message = None
    if pending.exists():
        manifest_path = pending / MANIFEST
        if manifest_path.exists():
            try:
                manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise RecoveryError(manifest_path, f"cannot be read as a manifest ({error}); look at {pending} and "
                                                   "remove it, then run the command again") from None
            entries = _entries(root, manifest, manifest_path)
            problems = _apply(root, entries)
            _finish(root)
            message = (f"recover: completed an interrupted change to {root} ({manifest['what']}): "
                       f"{len(manifest['files'])} file(s) now hold the new version")
            message += "".join(f"\nrecover: warning: {problem}" for problem in problems)
        else:
            _discard_outside(root)
            shutil.rmtree(pending, ignore_errors=True)
            _fsync_dir(root)
            message = f"recover: rolled back an unfinished change to {root}: it had not been committed, the data is as before it"
    if done.exists():
        shutil.rmtree(done, ignore_errors=True)
        _fsync_dir(root)
        message = message or f"recover: removed the staging folder of a finished change ({done})"
    if message:
        say(message)
    return message


class Transaction:
    """One change to the data, all or nothing. Use as a context manager; stage files, then commit()."""

    def __init__(self, root: Path, what: str):
        self.root, self.what = Path(root), what
        self.pending = self.root / PENDING
        self.tree = self.pending / TREE
        self.files: list[dict] = []
        self.outside: list[str] = []
        self.committed = False
        self._lock = None

    def __enter__(self) -> Transaction:
        self._lock = locked(self.root)
        self._lock.__enter__()
        try:
            if (self.root / PENDING).exists() or (self.root / DONE).exists():
                _recover(self.root, print)
            self._previous_term = _term_as_exit()
            self.pending.mkdir()
            step("staging")
            # The trial copy of the data: what the change is checked against, and where its files are staged.
            # Links are copied as links (never followed out of the data) and special files are left out; the
            # validation of the staged copy reports them as it reports them in the data.
            shutil.copytree(self.root, self.tree, ignore=_not_staged, symlinks=True, copy_function=shutil.copy2)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def stage(self, target: Path, content: bytes) -> None:
        """The new content of a file of the data (its path under the data root)."""
        relative = Path(target).resolve().relative_to(self.root.resolve())
        staged = self.tree / relative
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.unlink(missing_ok=True)
        write_file(staged, content)
        self.files.append({"staged": str(Path(PENDING) / TREE / relative), "target": str(relative)})

    def stage_outside(self, target: Path, content: bytes) -> None:
        """A file outside the data (a review sheet), staged as a hidden file beside it and moved in with the data."""
        target = Path(target).absolute()
        staged = target.with_name(f".{target.name}.{secrets.token_hex(4)}.pending")
        self.outside.append(str(staged))
        _write_json_atomically(self.pending / OUTSIDE, self.outside)  # listed before it exists: rollback finds it
        step("listed")
        write_file(staged, content)
        _fsync_dir(staged.parent)
        self.files.insert(0, {"staged": str(staged), "target": str(target), "inside": False})

    def commit(self) -> list[str]:
        """Commit (one rename) and apply; return problems with outside files, which do not undo the data."""
        for directory in {self.tree / Path(entry["target"]).parent for entry in self.files if entry.get("inside", True)}:
            _fsync_dir(directory)
        step("staged")
        _block_signals(True)  # from the commit point on, Ctrl-C and SIGTERM wait until the change is applied
        try:
            _write_json_atomically(self.pending / MANIFEST, {"what": self.what, "files": self.files})
            self.committed = True
            step("committed")
            problems = _apply(self.root, _entries(self.root, {"what": self.what, "files": self.files}, self.pending / MANIFEST))
            _finish(self.root)
        finally:
            _block_signals(False)
        return problems

    def __exit__(self, kind, error, trace) -> None:
        try:
            if not self.committed and self.pending.exists():
                _discard_outside(self.root)
                shutil.rmtree(self.pending, ignore_errors=True)
                _fsync_dir(self.root)
        finally:
            if hasattr(self, "_previous_term"):
                _restore_term(self._previous_term)
            if self._lock is not None:
                self._lock.__exit__(None, None, None)
                self._lock = None


def _not_staged(folder: str, names: list[str]) -> set[str]:
    """What the staged copy leaves out: the staging folders and anything neither a folder, a file nor a link."""
    left_out = set()
    for name in names:
        mode = os.lstat(os.path.join(folder, name)).st_mode
        if name in (PENDING, DONE) or not (stat.S_ISDIR(mode) or stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            left_out.add(name)
    return left_out


def _block_signals(block: bool):
    """Hold back (or let through) SIGINT and SIGTERM, where the platform allows it."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    how = signal.SIG_BLOCK if block else signal.SIG_UNBLOCK
    return signal.pthread_sigmask(how, {signal.SIGINT, signal.SIGTERM})


def _term_as_exit():
    """While a change is staged, SIGTERM exits through Python (so the staging folder is removed)."""
    def terminate(number, frame):
        raise SystemExit(128 + number)

    try:
        return signal.signal(signal.SIGTERM, terminate)
    except ValueError:  # not the main thread
        return None


def _restore_term(previous) -> None:
    if previous is not None:
        with contextlib.suppress(ValueError):
            signal.signal(signal.SIGTERM, previous)


__all__ = ["RecoveryError", "Transaction", "recover", "step", "write_file", "locked"]
