"""Build Crane Desktop's frozen app and the installer of the OS this runs on, smoke-testing the result.

    python packaging/build.py [--profile-file PROFILE.json] [--install-test] [--dist DIR] [--work DIR]

Steps (each one fails the build with a message and a non-zero exit code):

1. compile the translations (.ts -> .qm) and run PyInstaller on packaging/crane-desktop.spec (one-dir);
2. smoke-test the frozen binary from a clean environment (no virtualenv on PATH, no PYTHON* variables,
   private HOME/config/log dirs): `--version` prints the package's version; `--screenshot` renders the
   Nodes page offscreen, in English and in Simplified Chinese, against the swarm of --profile-file
   (exit code 0, a PNG of the window's size, no missing translation). Without --profile-file (the Windows
   and macOS CI runners have no swarm) the screenshot run aims at a closed local port instead and must
   fail cleanly with exit code 2 and the operator message: the GUI stack still loads and runs;
3. make the installer: Linux a .deb (dpkg-deb) and a .tar.gz; Windows the Inno Setup installer (iscc);
   macOS the .app (from the spec) and a .dmg (packaging/macos/make-dmg.sh);
4. --install-test: install, smoke-test the installed copy, uninstall. Linux (root): dpkg -i the .deb,
   run /usr/bin/crane-desktop with the project checkout hidden (a private mount namespace with an empty
   tmpfs over it), dpkg -r, check nothing is left under /opt/crane-desktop. Windows: the setup.exe
   silently for the current user, check the Start-menu entry, run the uninstaller. macOS: mount the
   .dmg, copy the .app out, run that copy.

Writes DIST/package-report.json (sizes, timings, smoke results) for tests/integration/test_packaging.py.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import itertools
import json
import os
import platform
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "crane_desktop" / "resources" / "icons"
APP = "crane-desktop"
METAINFO = "io.github.crane_desktop.crane_desktop.metainfo.xml"  # AppStream (software centres)
SCREEN_SIZE = (1280, 800)
INSTALL_LOCK = Path("/run/crane-desktop-package-test.lock")


class BuildError(Exception):
    """A step failed; the message says which and why."""


def version() -> str:
    namespace: dict[str, str] = {}
    exec((ROOT / "crane_desktop" / "__init__.py").read_text(), namespace)
    return namespace["__version__"]


def step(title: str) -> None:
    print(f"\n== {title}", flush=True)


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    print("$ " + " ".join(str(part) for part in cmd), flush=True)
    return subprocess.run(cmd, check=True, **kwargs)


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


# ------------------------------------------------------------------------------------------- build ---


def build_frozen(dist: Path, work: Path) -> tuple[Path, float]:
    """Compile translations, run PyInstaller; return the one-dir bundle and the seconds it took."""
    step("compile translations")
    run([sys.executable, "-m", "crane_desktop.i18n_build"], cwd=ROOT)
    step("PyInstaller (one-dir)")
    started = time.monotonic()
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(PACKAGING / "crane-desktop.spec"),
        ],
        cwd=ROOT,
    )
    bundle = dist / APP
    if not (bundle / executable_name()).is_file():
        raise BuildError(f"PyInstaller made no {bundle / executable_name()}")
    return bundle, time.monotonic() - started


def executable_name() -> str:
    return f"{APP}.exe" if sys.platform == "win32" else APP


# ------------------------------------------------------------------------------------------- smoke ---


def clean_env(home: Path) -> dict[str, str]:
    """The environment of a user who never saw our virtualenv: system PATH only, no PYTHON* variables,
    offscreen Qt, private HOME, config, log and docker config directories."""
    if sys.platform == "win32":
        keep = (
            "SYSTEMROOT",
            "WINDIR",
            "TEMP",
            "TMP",
            "COMSPEC",
            "PATHEXT",
            "USERPROFILE",
            "APPDATA",
            "LOCALAPPDATA",
            "PROGRAMDATA",
        )
        env = {key: value for key, value in os.environ.items() if key.upper() in keep}
        system_root = os.environ.get("SYSTEMROOT", r"C:\Windows")
        env["PATH"] = os.pathsep.join([rf"{system_root}\System32", system_root])
    else:
        lang = "en_US.UTF-8" if sys.platform == "darwin" else "C.UTF-8"  # macOS has no C.UTF-8 locale
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": lang}
        if os.environ.get("TMPDIR"):
            env["TMPDIR"] = os.environ["TMPDIR"]
    env.update(
        QT_QPA_PLATFORM="offscreen",
        CRANE_DESKTOP_CONFIG_DIR=str(home / "config"),
        CRANE_DESKTOP_LOG_DIR=str(home / "logs"),
        DOCKER_CONFIG=str(home / "docker-config"),
    )
    return env


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk; raises BuildError when it is no PNG."""
    data = path.read_bytes()[:24] if path.is_file() else b""
    if len(data) < 24 or data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise BuildError(f"{path} is not a PNG")
    return struct.unpack(">II", data[16:24])


def smoke_test(
    command: list[str], profile_file: str, label: str, keep: Path, hide: Path | None = None
) -> dict:
    """Run the frozen app as a user would; return what was checked (raises BuildError on a failure).

    `keep`: where the screenshots are copied (DIST/smoke/), to look at and for CI to upload.

    `hide`: a directory made invisible to the app (an empty tmpfs mounted over it in a private mount
    namespace, Linux root only), to prove the app needs nothing from it.
    """
    step(f"smoke test: {label}")
    results: dict = {"label": label, "command": command, "hidden": str(hide) if hide else ""}
    with tempfile.TemporaryDirectory(prefix="crane-smoke-") as tmp:
        home = Path(tmp)
        env = clean_env(home)
        prefix: list[str] = []
        if hide is not None:
            prefix = [
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "sh",
                "-c",
                'mount -t tmpfs -o size=1m crane-hidden "$0" && exec "$@"',
                str(hide),
            ]

        def launch(
            *args: str, timeout: float = 120, display: str = ""
        ) -> tuple[subprocess.CompletedProcess, float]:
            argv = [*prefix, *command, *args]
            print(("DISPLAY=" + display + " " if display else "") + "$ " + " ".join(argv), flush=True)
            run_env = {**env, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display} if display else env
            started = time.monotonic()
            proc = subprocess.run(
                argv, env=run_env, cwd=home, capture_output=True, text=True, timeout=timeout
            )
            elapsed = time.monotonic() - started
            print(f"  exit {proc.returncode} in {elapsed:.2f} s", flush=True)
            for stream in (proc.stdout, proc.stderr):
                if stream.strip():
                    print("  | " + stream.strip().replace("\n", "\n  | "), flush=True)
            return proc, elapsed

        proc, elapsed = launch("--version")
        expected = f"crane-desktop {version()}"
        if proc.returncode != 0 or proc.stdout.strip() != expected:
            raise BuildError(
                f"{label}: --version gave exit {proc.returncode} {proc.stdout!r}, not {expected!r}"
            )
        results["version"] = proc.stdout.strip()
        results["version_seconds"] = round(elapsed, 2)

        if profile_file:
            pictures = {}
            for lang in ("en", "zh_CN"):
                png = home / f"nodes-{lang}.png"
                proc, elapsed = launch(
                    "--profile-file",
                    profile_file,
                    "--screenshot",
                    str(png),
                    "--page",
                    "nodes",
                    "--lang",
                    lang,
                    "--size",
                    "{}x{}".format(*SCREEN_SIZE),
                )
                if proc.returncode != 0:
                    raise BuildError(
                        f"{label}: --screenshot ({lang}) exited {proc.returncode}: {proc.stderr}"
                    )
                if png_size(png) != SCREEN_SIZE:
                    raise BuildError(f"{label}: screenshot is {png_size(png)}, not {SCREEN_SIZE}")
                if "no translation" in proc.stderr:
                    raise BuildError(f"{label}: the frozen app found no translation: {proc.stderr}")
                pictures[lang] = png.read_bytes()
                keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(png, keep / f"{slug(label)}-nodes-{lang}.png")
                results[f"screenshot_{lang}_seconds"] = round(elapsed, 2)
                results[f"screenshot_{lang}_bytes"] = len(pictures[lang])
            if pictures["en"] == pictures["zh_CN"]:
                raise BuildError(f"{label}: the zh_CN screenshot is the same as the English one")
            results["screenshot"] = "ok"
        else:
            png = home / "none.png"
            proc, elapsed = launch("-H", "tcp://127.0.0.1:9", "--lang", "en", "--screenshot", str(png))
            if proc.returncode != 2 or "Cannot reach the Docker engine" not in proc.stderr:
                raise BuildError(
                    f"{label}: against a closed port expected exit 2 and the operator message, got "
                    f"{proc.returncode}: {proc.stderr}"
                )
            results["screenshot"] = "no swarm: clean failure (exit 2) checked"
            results["screenshot_none_seconds"] = round(elapsed, 2)
        if sys.platform.startswith("linux"):
            results.update(xcb_smoke_test(launch, profile_file, home, keep / f"{slug(label)}-nodes-xcb.png"))
    return results


def slug(label: str) -> str:
    return label.replace(" ", "-").replace(".", "")


@contextlib.contextmanager
def xvfb() -> Iterator[str]:
    """A private Xvfb server for the duration; yields its DISPLAY."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as answer:
            number = answer.readline().strip()  # Xvfb writes the display number once it accepts clients
        if not number:
            raise BuildError(f"Xvfb did not start (exit {server.poll()})")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def xcb_smoke_test(launch: Callable, profile_file: str, home: Path, keep: Path) -> dict:
    """Linux: the app on a real X server (Xvfb) with Qt's xcb platform plugin, which loads the X11
    libraries the offscreen runs never touch: with a swarm a screenshot of the Nodes page, without one
    the clean failure against a closed port (the window was created on the X server first)."""
    step("smoke test on Xvfb (QT_QPA_PLATFORM=xcb)")
    png = home / "nodes-xcb.png"
    target = ["--profile-file", profile_file] if profile_file else ["-H", "tcp://127.0.0.1:9"]
    with xvfb() as display:
        proc, elapsed = launch(
            *target, "--screenshot", str(png), "--page", "nodes", "--lang", "en", display=display
        )
    if "could not load the qt platform plugin" in proc.stderr.lower():
        raise BuildError(f"on Xvfb the xcb platform plugin did not load: {proc.stderr}")
    if not profile_file:
        if proc.returncode != 2 or "Cannot reach the Docker engine" not in proc.stderr:
            raise BuildError(f"on Xvfb: expected exit 2 and the operator message, got {proc.returncode}")
        return {"xcb": "no swarm: clean failure (exit 2) checked", "xcb_seconds": round(elapsed, 2)}
    if proc.returncode != 0:
        raise BuildError(f"on Xvfb: --screenshot exited {proc.returncode}: {proc.stderr}")
    if png_size(png) != SCREEN_SIZE:
        raise BuildError(f"on Xvfb: the screenshot is {png_size(png)}, not {SCREEN_SIZE}")
    keep.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(png, keep)
    return {"xcb": "ok", "xcb_seconds": round(elapsed, 2)}


def check_linkage(bundle: Path) -> list[str]:
    """Linux: every shared library the bundle's ELF files load resolves inside the bundle or to a system
    directory; returns the system libraries used (raises BuildError on a library from anywhere else)."""
    step("check library linkage (ldd)")
    internal = bundle / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}  # as PyInstaller's bootloader sets it
    system, bad = set(), []
    files = [bundle / APP, *internal.rglob("*.so*")]
    for path in files:
        if not path.is_file() or path.is_symlink():
            continue
        proc = subprocess.run(["ldd", str(path)], env=env, capture_output=True, text=True)
        for line in proc.stdout.splitlines():
            name, arrow, rest = line.strip().partition(" => ")
            if not arrow:
                continue
            if rest.startswith("not found"):  # the file would fail to load wherever this is installed
                bad.append(f"{path.relative_to(bundle)} -> {name}: not found")
                continue
            target = rest.split(" (")[0]
            if target.startswith(str(bundle)):
                continue
            if target.startswith(("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")):
                system.add(name)
            else:
                bad.append(f"{path.relative_to(bundle)} -> {target}")
    if bad:
        raise BuildError(
            "libraries not found, or loaded from outside the bundle and the system:\n  " + "\n  ".join(bad)
        )
    print(f"  {len(files)} files; system libraries used: {', '.join(sorted(system))}")
    return sorted(system)


# ------------------------------------------------------------------------------------------- Linux ---


def make_tarball(bundle: Path, dist: Path, ver: str) -> Path:
    step("tar.gz")
    top = f"{APP}-{ver}"
    out = dist / f"{APP}-{ver}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=top)
        tar.add(PACKAGING / "linux" / "crane-desktop.desktop", arcname=f"{top}/crane-desktop.desktop")
        tar.add(ICONS / "crane-desktop-256.png", arcname=f"{top}/crane-desktop.png")
    print(f"  {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return out


def make_deb(bundle: Path, dist: Path, work: Path, ver: str) -> Path:
    """The .deb: the bundle under /opt/crane-desktop, /usr/bin/crane-desktop, a .desktop file and icons."""
    step(".deb (dpkg-deb)")
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True)
    arch_name = arch.stdout.strip()
    stage = work / "deb-root"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(bundle, stage / "opt" / APP, symlinks=True)
    launcher = stage / "usr" / "bin" / APP
    launcher.parent.mkdir(parents=True)
    shutil.copy(PACKAGING / "linux" / "crane-desktop.sh", launcher)
    applications = stage / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copy(PACKAGING / "linux" / "crane-desktop.desktop", applications / f"{APP}.desktop")
    metainfo = stage / "usr" / "share" / "metainfo"
    metainfo.mkdir(parents=True)
    shutil.copy(PACKAGING / "linux" / METAINFO, metainfo / METAINFO)
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        target = stage / "usr" / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copy(ICONS / f"crane-desktop-{size}.png", target / f"{APP}.png")
    scalable = stage / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy(ICONS / "crane-desktop.svg", scalable / f"{APP}.svg")
    doc = stage / "usr" / "share" / "doc" / APP
    doc.mkdir(parents=True)
    shutil.copy(PACKAGING / "linux" / "copyright", doc / "copyright")
    check_changelog(PACKAGING / "linux" / "changelog", ver)
    gzip_n(PACKAGING / "linux" / "changelog", doc / "changelog.gz")  # a native package's changelog
    man = stage / "usr" / "share" / "man" / "man1"
    man.mkdir(parents=True)
    gzip_n(PACKAGING / "linux" / f"{APP}.1", man / f"{APP}.1.gz")
    overrides = stage / "usr" / "share" / "lintian" / "overrides"
    overrides.mkdir(parents=True)
    shutil.copy(PACKAGING / "linux" / "lintian-overrides", overrides / APP)
    libraries = tidy_libraries(stage / "opt" / APP)
    for path in stage.rglob("*"):  # dpkg wants 0755 dirs and no group/other write anywhere
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        executable = path.is_dir() or (mode & 0o111 and path not in libraries)
        path.chmod(0o755 if executable else 0o644)
    launcher.chmod(0o755)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    maintainer = project["maintainers"][0]
    control = (
        (PACKAGING / "linux" / "control.in")
        .read_text()
        .format(
            version=ver,
            arch=arch_name,
            installed_size=dir_size(stage) // 1024,
            maintainer=f"{maintainer['name']} <{maintainer['email']}>",
            homepage=project["urls"]["Homepage"],
            depends=shlib_depends(stage / "opt" / APP, work),
        )
    )
    (stage / "DEBIAN").mkdir()
    (stage / "DEBIAN" / "control").write_text(control)
    out = dist / f"{APP}_{ver}_{arch_name}.deb"
    run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z1", "--threads-max=2", "--build", str(stage), str(out)])
    run(["desktop-file-validate", str(applications / f"{APP}.desktop")])
    run(["appstreamcli", "validate", "--no-net", str(metainfo / METAINFO)])
    info = subprocess.run(
        ["dpkg-deb", "--field", str(out), "Package", "Version"], capture_output=True, text=True, check=True
    ).stdout.split()
    if info != ["Package:", APP, "Version:", ver]:
        raise BuildError(f"{out}: control fields are {info}")
    contents = subprocess.run(
        ["dpkg-deb", "--contents", str(out)], capture_output=True, text=True, check=True
    ).stdout
    for needed in (
        f"./usr/bin/{APP}",
        f"./opt/{APP}/{APP}",
        f"./usr/share/applications/{APP}.desktop",
        f"./usr/share/metainfo/{METAINFO}",
        f"./usr/share/man/man1/{APP}.1.gz",
        f"./usr/share/doc/{APP}/changelog.gz",
        f"./usr/share/doc/{APP}/copyright",
        f"./usr/share/icons/hicolor/256x256/apps/{APP}.png",
    ):
        if needed not in contents:
            raise BuildError(f"{out} lacks {needed}")
    shutil.rmtree(stage)
    print(f"  {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return out


def gzip_n(source: Path, target: Path) -> None:
    """gzip -9n: no name and no time stamp in the header, so the same input gives the same bytes."""
    with open(target, "wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as packed:
        packed.write(source.read_bytes())


def check_changelog(changelog: Path, ver: str) -> None:
    first = changelog.read_text().splitlines()[0]
    if not first.startswith(f"{APP} ({ver}) "):
        raise BuildError(f"{changelog}: the newest entry is {first!r}, not version {ver}: add one")


def is_elf(path: Path) -> bool:
    if not path.is_file() or path.is_symlink():
        return False
    with open(path, "rb") as handle:
        return handle.read(4) == b"\x7fELF"


def tidy_libraries(bundle: Path) -> set[Path]:
    """What Debian's dh_strip and dh_fixperms do to the shared libraries of the staged bundle: strip
    them (as --strip-unneeded; the executable is left alone, PyInstaller appends its archive to it)
    and drop a RUNPATH naming the build machine (a pyenv's /root/.pyenv/..., where a user could plant
    a library); returns the libraries, which get mode 0644."""
    libraries = {path for path in bundle.rglob("*.so*") if is_elf(path)}
    for path in sorted(libraries):
        rpath = subprocess.run(["patchelf", "--print-rpath", str(path)], capture_output=True, text=True)
        if rpath.stdout.strip() and "$ORIGIN" not in rpath.stdout:
            subprocess.run(["patchelf", "--remove-rpath", str(path)], check=True)
    stripping = ["strip", "--remove-section=.comment", "--remove-section=.note", "--strip-unneeded"]
    ordered = sorted(libraries)
    for start in range(0, len(ordered), 100):
        subprocess.run([*stripping, *map(str, ordered[start : start + 100])], check=True)
    return libraries


def lint_deb(deb: Path) -> list[str]:
    """lintian over the .deb: raises BuildError on an error tag; returns the warnings (what remains,
    and why, is in packaging/README.md; packaging/linux/lintian-overrides says why each override)."""
    step("lintian")
    proc = subprocess.run(
        ["lintian", "--no-tag-display-limit", "--allow-root", str(deb)], capture_output=True, text=True
    )
    tags = [line for line in proc.stdout.splitlines() if line[:3] in ("E: ", "W: ")]
    errors = [line for line in tags if line.startswith("E: ")]
    print("  " + "\n  ".join(tags) if tags else "  no errors, no warnings")
    if errors or proc.returncode not in (0, 2):  # 2: tags were emitted (the warnings)
        raise BuildError(f"lintian ({proc.returncode}):\n  " + "\n  ".join(errors or [proc.stderr[-2000:]]))
    return [line for line in tags if line.startswith("W: ")]


def shlib_depends(bundle: Path, work: Path) -> str:
    """The Depends of the system libraries the bundle's ELF files load, computed by dpkg-shlibdeps (as
    debhelper's ${shlibs:Depends}) with the bundle's own directories as private library paths: so the
    libraries Qt's plugins need, libxcb-cursor0 among them, cannot be forgotten by hand."""
    elves = sorted(path for path in bundle.rglob("*") if is_elf(path))
    private = sorted({str(path.parent) for path in elves if ".so" in path.name})
    scratch = work / "shlibdeps"  # dpkg-shlibdeps reads debian/control from its working directory
    shutil.rmtree(scratch, ignore_errors=True)
    (scratch / "debian").mkdir(parents=True)
    (scratch / "debian" / "control").write_text(f"Source: {APP}\n\nPackage: {APP}\nArchitecture: any\n")
    proc = subprocess.run(
        [
            "dpkg-shlibdeps",
            "-O",
            "--ignore-missing-info",  # the bundle's own libraries belong to no Debian package
            *(f"-l{directory}" for directory in private),
            *(f"-e{path}" for path in elves),
        ],
        cwd=scratch,
        capture_output=True,
        text=True,
    )
    shutil.rmtree(scratch)
    line = next((row for row in proc.stdout.splitlines() if row.startswith("shlibs:Depends=")), "")
    if proc.returncode != 0 or not line:
        raise BuildError(f"dpkg-shlibdeps failed ({proc.returncode}): {proc.stderr[-3000:]}")
    depends = line.removeprefix("shlibs:Depends=")
    print(f"  Depends: {depends}")
    return depends


def deb_field(deb: Path, field: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "--field", str(deb), field], capture_output=True, text=True, check=True
    ).stdout.strip()


def missing_depends(deb: Path) -> list[str]:
    """Packages of the .deb's Depends not installed here (version constraints not checked)."""
    missing = []
    for item in deb_field(deb, "Depends").split(","):
        name = item.split("(")[0].strip()
        status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True)
        if "install ok installed" not in status.stdout:
            missing.append(name)
    return missing


@contextlib.contextmanager
def install_lock():
    """One package install test at a time on this machine (dpkg state is global)."""
    import fcntl

    with open(INSTALL_LOCK, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def install_test(deb: Path, profile_file: str, keep: Path) -> dict:
    """Install the .deb, smoke-test the installed copy with the checkout hidden, remove the package."""
    if os.geteuid() != 0:
        raise BuildError("--install-test installs a .deb: run it as root")
    with install_lock():
        step(f"install {deb.name}")
        missing = missing_depends(deb)
        if missing:  # as `apt install ./crane-desktop.deb` would: fetch the libraries Qt needs
            print(f"  missing dependencies {missing}: installing the .deb with apt-get")
            run(
                [
                    "apt-get",
                    "install",
                    "-y",
                    "-q",
                    "-o",
                    "DPkg::Lock::Timeout=120",
                    "--no-install-recommends",
                    str(deb.resolve()),
                ],
                env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            )
        else:
            run(["dpkg", "-i", str(deb)])
        try:
            files = subprocess.run(["dpkg", "-L", APP], capture_output=True, text=True, check=True).stdout
            for needed in (f"/usr/bin/{APP}", f"/usr/share/applications/{APP}.desktop", f"/opt/{APP}/{APP}"):
                if needed not in files.split("\n"):
                    raise BuildError(f"the installed package lacks {needed}")
            desktop = Path(f"/usr/share/applications/{APP}.desktop").read_text()
            exec_line = next(line for line in desktop.splitlines() if line.startswith("Exec="))
            if shutil.which(exec_line.removeprefix("Exec=").split()[0], path="/usr/bin") is None:
                raise BuildError(f"the .desktop file's {exec_line} is not on the system PATH")
            results = smoke_test([f"/usr/bin/{APP}"], profile_file, "installed .deb", keep, hide=ROOT)
        finally:
            step(f"remove {APP}")
            run(["dpkg", "-r", APP])
        if Path(f"/opt/{APP}").exists() or Path(f"/usr/bin/{APP}").exists():
            raise BuildError(f"removing the package left /opt/{APP} or /usr/bin/{APP} behind")
        results["removed"] = True
    return results


# --------------------------------------------------------------------------------- Windows, macOS ---


def windows_file_version(ver: str) -> str:
    """The four numbers Windows' version resource wants (Inno Setup's VersionInfoVersion) from a PEP 440
    version: the release part, padded; a pre-release (0.2.0rc1, 0.2.0b3, 0.2.0.dev4) maps to the numbers
    of its release (0.2.0.0), the full version stays in AppVersion and the file name."""
    numbers = []
    for part in ver.split("."):
        digits = "".join(itertools.takewhile(str.isdigit, part))
        if not digits:
            break
        numbers.append(str(int(digits)))
        if digits != part:  # 0rc1: the pre-release starts here
            break
    if not numbers:
        raise BuildError(f"version {ver!r} does not start with a number")
    return ".".join((numbers + ["0"] * 4)[:4])


def make_windows_installer(bundle: Path, dist: Path, ver: str) -> Path:
    step("Inno Setup installer")
    iscc = shutil.which("iscc") or r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe"
    if not Path(iscc).is_file():
        raise BuildError("Inno Setup's ISCC.exe not found (choco install innosetup)")
    run(
        [
            iscc,
            f"/DAppVersion={ver}",
            f"/DNumericVersion={windows_file_version(ver)}",
            f"/DSourceDir={bundle}",
            f"/DOutputDir={dist}",
            f"/DIconFile={ICONS / 'crane-desktop.ico'}",
            str(PACKAGING / "windows" / "crane-desktop.iss"),
        ]
    )
    out = dist / f"CraneDesktop-{ver}-setup.exe"
    if not out.is_file():
        raise BuildError(f"iscc made no {out}")
    return out


def make_dmg(dist: Path, ver: str) -> Path:
    step(".dmg (hdiutil)")
    app = dist / "Crane Desktop.app"
    # the build machine's architecture only (arm64 on CI's macos-14): the name says which
    out = dist / f"CraneDesktop-{ver}-{platform.machine()}.dmg"
    run(["bash", str(PACKAGING / "macos" / "make-dmg.sh"), str(app), str(out)])
    return out


def windows_install_test(setup: Path, profile_file: str, keep: Path) -> dict:
    """Install silently for the current user into a temporary folder, check the Start-menu entry,
    smoke-test the installed copy, then run the uninstaller and check the folder is gone."""
    step(f"install {setup.name}")
    target = Path(tempfile.mkdtemp(prefix="crane-install-")) / "Crane Desktop"
    run(
        [
            str(setup),
            "/VERYSILENT",
            "/SUPPRESSMSGBOXES",
            "/NORESTART",
            "/CURRENTUSER",
            "/MERGETASKS=addtopath",
            f"/DIR={target}",
        ]
    )
    if str(target).lower() not in user_path().lower():
        raise BuildError(f"the addtopath task did not put {target} on the user's PATH")
    start_menu = Path(os.environ["APPDATA"]) / "Microsoft" / "Windows" / "Start Menu" / "Programs"
    shortcut = start_menu / "Crane Desktop" / "Crane Desktop.lnk"
    if not shortcut.is_file():
        raise BuildError(f"the installer made no Start-menu entry {shortcut}")
    results = smoke_test([str(target / executable_name())], profile_file, "installed setup", keep)
    step("uninstall")
    uninstaller = target / "unins000.exe"
    if not uninstaller.is_file():
        raise BuildError(f"no uninstaller {uninstaller}")
    run([str(uninstaller), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART"])
    deadline = time.monotonic() + 120  # the uninstaller re-launches itself from %TEMP% and returns at once
    # (the PATH entry goes last, in the uninstaller's post-uninstall step)
    while (
        (target / executable_name()).exists()
        or shortcut.exists()
        or str(target).lower() in user_path().lower()
    ):
        if time.monotonic() > deadline:
            raise BuildError(f"the uninstaller left {target}, {shortcut} or the PATH entry behind")
        time.sleep(1)
    results["removed"] = True
    return results


def user_path() -> str:
    """Windows: the user's Path in the registry (HKCU\\Environment), where the installer adds the app."""
    import winreg  # Windows only

    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, "Environment") as key:
        try:
            return str(winreg.QueryValueEx(key, "Path")[0])
        except FileNotFoundError:
            return ""


def macos_install_test(dmg: Path, profile_file: str, keep: Path) -> dict:
    """Mount the .dmg, copy the app out as a user drags it to Applications, smoke-test that copy."""
    step(f"install from {dmg.name}")
    with tempfile.TemporaryDirectory(prefix="crane-dmg-") as tmp:
        mount, apps = Path(tmp) / "mnt", Path(tmp) / "Applications"
        mount.mkdir()
        apps.mkdir()
        run(["hdiutil", "attach", "-nobrowse", "-readonly", "-mountpoint", str(mount), str(dmg)])
        try:
            if not (mount / "Applications").is_symlink():
                raise BuildError("the .dmg has no link to /Applications")
            run(["ditto", str(mount / "Crane Desktop.app"), str(apps / "Crane Desktop.app")])
        finally:
            run(["hdiutil", "detach", str(mount)])
        executable = apps / "Crane Desktop.app" / "Contents" / "MacOS" / APP
        results = smoke_test([str(executable)], profile_file, "installed dmg", keep)
    results["removed"] = True
    return results


# -------------------------------------------------------------------------------------------- main ---


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--profile-file", default="", help="test swarm profile for the screenshot smoke test")
    parser.add_argument(
        "--install-test",
        action="store_true",
        help="install the installer, smoke-test the installed copy, uninstall",
    )
    parser.add_argument("--dist", default=str(ROOT / "dist"), help="where the bundle and installers go")
    parser.add_argument("--work", default=str(ROOT / "build" / "pyinstaller"), help="PyInstaller work dir")
    parser.add_argument("--skip-build", action="store_true", help="reuse the bundle already in --dist")
    args = parser.parse_args(argv)
    dist, work = Path(args.dist).resolve(), Path(args.work).resolve()
    dist.mkdir(parents=True, exist_ok=True)
    ver = version()
    report: dict = {"version": ver, "platform": sys.platform, "ok": False}
    report_path = dist / "package-report.json"
    report_path.unlink(missing_ok=True)
    started = time.monotonic()
    try:
        if args.skip_build:
            bundle, report["pyinstaller_seconds"] = dist / APP, 0.0
        else:
            bundle, seconds = build_frozen(dist, work)
            report["pyinstaller_seconds"] = round(seconds, 1)
        report["bundle"] = str(bundle)
        report["bundle_bytes"] = dir_size(bundle)
        if sys.platform == "darwin":
            executable = dist / "Crane Desktop.app" / "Contents" / "MacOS" / APP
        else:
            executable = bundle / executable_name()
        report["smoke"] = [smoke_test([str(executable)], args.profile_file, "frozen bundle", dist / "smoke")]
        installers = []
        if sys.platform.startswith("linux"):
            report["system_libraries"] = check_linkage(bundle)
            installers.append(make_tarball(bundle, dist, ver))
            deb = make_deb(bundle, dist, work, ver)
            installers.append(deb)
            report["lintian_warnings"] = lint_deb(deb)
            report["deb_depends"] = deb_field(deb, "Depends")
            if args.install_test:
                report["smoke"].append(install_test(deb, args.profile_file, dist / "smoke"))
        elif sys.platform == "win32":
            setup = make_windows_installer(bundle, dist, ver)
            installers.append(setup)
            if args.install_test:
                report["smoke"].append(windows_install_test(setup, args.profile_file, dist / "smoke"))
        elif sys.platform == "darwin":
            dmg = make_dmg(dist, ver)
            installers.append(dmg)
            if args.install_test:
                report["smoke"].append(macos_install_test(dmg, args.profile_file, dist / "smoke"))
        report["installers"] = {str(path): path.stat().st_size for path in installers}
        report["ok"] = True
    except (BuildError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        report["error"] = str(error)
        print(f"\nbuild: FAILED: {error}", file=sys.stderr)
    report["total_seconds"] = round(time.monotonic() - started, 1)
    report_path.write_text(json.dumps(report, indent=2))
    if report["ok"]:
        step("done")
        print(f"  bundle {report['bundle_bytes'] / 1e6:.0f} MB, total {report['total_seconds']:.0f} s")
        for path, size in report["installers"].items():
            print(f"  {path} ({size / 1e6:.1f} MB)")
    print(f"  report: {report_path}")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
