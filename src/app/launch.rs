//! Handing a saved file to the system: printing a PDF and opening a file in its viewer.
//!
//! Printing tries the system's printing first and falls back to opening the file in the
//! default viewer (from which the user prints by hand); when neither can be started, the
//! caller gets why, to say in the user's language.
//!
//! - Windows: the shell's «print» verb on the PDF (`ShellExecuteW`), what Explorer's «Печать»
//!   does. Chosen over PowerShell's `Start-Process -Verb Print` because it is the same call
//!   without starting PowerShell (seconds on an old office PC, sometimes blocked by policy) or
//!   flashing a console window, and its result tells «no program prints PDF files» apart from
//!   other failures; `cmd /C start` knows no print verb. The fallback is the «open» verb.
//! - Linux and other Unix: `lp` (CUPS) sends the file to the default printer; its refusal (no
//!   printer set up) is kept and the file is opened with `xdg-open` (`open` on macOS).
//!
//! What is run is chosen by `plan`, a plain value the tests check for every platform; running
//! it is `run`, where a missing tool is a normal answer, not a panic.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The platforms whose ways of printing differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    Windows,
    Mac,
    Unix,
}

impl Os {
    /// The platform this program was built for.
    pub fn current() -> Os {
        if cfg!(windows) {
            Os::Windows
        } else if cfg!(target_os = "macos") {
            Os::Mac
        } else {
            Os::Unix
        }
    }
}

/// One way of handing a file to the system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The Windows shell's verb («print», «open») on the file.
    Shell { verb: &'static str, file: PathBuf },
    /// A program with arguments; it is waited for when `wait` (its exit status matters),
    /// else given a moment to fail (`xdg-open` with no viewer to start says so at once, and
    /// with one it may run as long as the viewer does).
    Command {
        program: &'static str,
        args: Vec<OsString>,
        wait: bool,
    },
}

impl Step {
    /// The tool's name, for messages («lp», «xdg-open»).
    pub fn tool(&self) -> String {
        match self {
            Step::Shell { verb, .. } => format!("ShellExecute {verb}"),
            Step::Command { program, .. } => program.to_string(),
        }
    }
}

/// What to do with a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Print,
    Open,
}

/// The steps to try in order: the first that works is what happened.
pub fn plan(os: Os, action: Action, file: &Path) -> Vec<Step> {
    let open = match os {
        Os::Windows => Step::Shell {
            verb: "open",
            file: file.to_path_buf(),
        },
        Os::Mac | Os::Unix => Step::Command {
            program: if os == Os::Mac { "open" } else { "xdg-open" },
            args: vec![file.as_os_str().to_owned()],
            wait: false,
        },
    };
    match action {
        Action::Open => vec![open],
        Action::Print => {
            let print = match os {
                Os::Windows => Step::Shell {
                    verb: "print",
                    file: file.to_path_buf(),
                },
                Os::Mac | Os::Unix => Step::Command {
                    program: "lp",
                    args: vec!["--".into(), file.as_os_str().to_owned()],
                    wait: true,
                },
            };
            vec![print, open]
        }
    }
}

/// What became of a file handed to the system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Sent to the printer.
    Printed,
    /// Opened in the viewer; `why` says why it was not printed (empty when opening was asked).
    Opened { why: String },
}

/// Why no step worked: each tool with what it answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed(pub Vec<(String, String)>);

impl Failed {
    /// «lp: not found; xdg-open: not found».
    pub fn detail(&self) -> String {
        self.0
            .iter()
            .map(|(tool, why)| format!("{tool}: {why}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// How a job hands a file to the system: `launch`, or a test's stand-in.
pub type Launcher = std::sync::Arc<dyn Fn(Action, &Path) -> Result<Outcome, Failed> + Send + Sync>;

/// Tries the steps of `action` on `file` for this platform.
pub fn launch(action: Action, file: &Path) -> Result<Outcome, Failed> {
    run(&plan(Os::current(), action, file), None)
}

/// Tries `steps` in order (with `path` as the programs' search path when given: tests); the
/// first step is the print when there are two.
pub fn run(steps: &[Step], path: Option<&std::ffi::OsStr>) -> Result<Outcome, Failed> {
    let mut failures = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        match run_step(step, path) {
            Ok(()) if i == 0 && steps.len() > 1 => return Ok(Outcome::Printed),
            Ok(()) => {
                let why = failures
                    .iter()
                    .map(|(t, w)| format!("{t}: {w}"))
                    .collect::<Vec<_>>()
                    .join("; ");
                return Ok(Outcome::Opened { why });
            }
            Err(why) => failures.push((step.tool(), why)),
        }
    }
    Err(Failed(failures))
}

fn run_step(step: &Step, path: Option<&std::ffi::OsStr>) -> Result<(), String> {
    match step {
        Step::Shell { verb, file } => shell_execute(verb, file),
        Step::Command {
            program,
            args,
            wait,
        } => {
            let mut cmd = std::process::Command::new(program);
            cmd.args(args);
            if let Some(p) = path {
                cmd.env("PATH", p);
            }
            if !*wait {
                return spawn_briefly(cmd);
            }
            let out = cmd.output().map_err(|e| spawn_error(&e))?;
            if out.status.success() {
                Ok(())
            } else {
                Err(failure(&out.stderr, out.status))
            }
        }
    }
}

/// How long a viewer's launcher is given to fail before it is taken to have started.
const MOMENT: std::time::Duration = std::time::Duration::from_millis(2500);

/// Starts `cmd` and watches it for a moment: a quick non-zero exit is a failure (with what it
/// wrote on stderr); still running, or done well, is started.
fn spawn_briefly(mut cmd: std::process::Command) -> Result<(), String> {
    use std::io::Read;
    let mut child = cmd
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| spawn_error(&e))?;
    let started = std::time::Instant::now();
    while started.elapsed() < MOMENT {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                let mut err = Vec::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = e.read_to_end(&mut err);
                }
                return Err(failure(&err, status));
            }
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(20)),
            Err(e) => return Err(e.to_string()),
        }
    }
    // Still running: the viewer itself. A thread drains what it writes (a full pipe would
    // stop it) and reaps it when it ends.
    std::thread::spawn(move || {
        if let Some(mut e) = child.stderr.take() {
            let _ = std::io::copy(&mut e, &mut std::io::sink());
        }
        child.wait()
    });
    Ok(())
}

/// What a program that failed said: the last line of its stderr, else its exit status.
fn failure(stderr: &[u8], status: std::process::ExitStatus) -> String {
    let text = String::from_utf8_lossy(stderr);
    match text.lines().rev().find(|l| !l.trim().is_empty()) {
        Some(l) => l.trim().to_string(),
        None => status.to_string(),
    }
}

fn spawn_error(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        "not installed".into()
    } else {
        e.to_string()
    }
}

#[cfg(windows)]
fn shell_execute(verb: &str, file: &Path) -> Result<(), String> {
    use std::os::windows::ffi::OsStrExt;
    #[link(name = "shell32")]
    unsafe extern "system" {
        fn ShellExecuteW(
            hwnd: *mut std::ffi::c_void,
            operation: *const u16,
            file: *const u16,
            parameters: *const u16,
            directory: *const u16,
            show: i32,
        ) -> isize;
    }
    const SW_SHOWNORMAL: i32 = 1;
    const SE_ERR_NOASSOC: isize = 31;
    let wide = |s: &std::ffi::OsStr| s.encode_wide().chain(Some(0)).collect::<Vec<u16>>();
    let verb = wide(std::ffi::OsStr::new(verb));
    let file = wide(file.as_os_str());
    // SAFETY: both strings are NUL-terminated UTF-16 that outlive the call; the other pointers
    // are null, which ShellExecuteW accepts (no window, no parameters, the default folder).
    let code = unsafe {
        ShellExecuteW(
            std::ptr::null_mut(),
            verb.as_ptr(),
            file.as_ptr(),
            std::ptr::null(),
            std::ptr::null(),
            SW_SHOWNORMAL,
        )
    };
    match code {
        c if c > 32 => Ok(()),
        SE_ERR_NOASSOC => Err("no program is set to handle PDF files for this".into()),
        c => Err(format!("error {c}")),
    }
}

#[cfg(not(windows))]
fn shell_execute(_verb: &str, _file: &Path) -> Result<(), String> {
    Err("the Windows shell is not available here".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_prints_with_the_shell_verb_and_falls_back_to_opening() {
        let f = Path::new(r"C:\Users\a\Documents\F1.pdf");
        assert_eq!(
            plan(Os::Windows, Action::Print, f),
            vec![
                Step::Shell {
                    verb: "print",
                    file: f.into()
                },
                Step::Shell {
                    verb: "open",
                    file: f.into()
                }
            ]
        );
    }

    #[test]
    fn linux_prints_with_lp_and_falls_back_to_xdg_open() {
        let f = Path::new("/tmp/-F1.pdf");
        let steps = plan(Os::Unix, Action::Print, f);
        assert_eq!(steps.len(), 2);
        assert!(
            matches!(&steps[0], Step::Command { program: "lp", args, wait: true }
            if args == &[OsString::from("--"), f.as_os_str().to_owned()])
        );
        assert!(matches!(
            &steps[1],
            Step::Command {
                program: "xdg-open",
                wait: false,
                ..
            }
        ));
        assert!(matches!(
            &plan(Os::Mac, Action::Open, f)[..],
            [Step::Command {
                program: "open",
                ..
            }]
        ));
    }

    #[cfg(unix)]
    fn tool(dir: &Path, name: &str, script: &str) {
        use std::os::unix::fs::PermissionsExt;
        let p = dir.join(name);
        std::fs::write(&p, format!("#!/bin/sh\n{script}\n")).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn without_lp_the_file_opens_in_the_viewer_and_without_either_the_reason_is_given() {
        let bin = tempfile::tempdir().unwrap();
        let file = bin.path().join("F1.pdf");
        let steps = plan(Os::Unix, Action::Print, &file);
        // Neither tool on the search path: both named as missing.
        let failed = run(&steps, Some(bin.path().as_os_str())).unwrap_err();
        assert_eq!(
            failed.detail(),
            "lp: not installed; xdg-open: not installed"
        );
        // A viewer that cannot open the file: its last word is the reason.
        tool(
            bin.path(),
            "xdg-open",
            "echo 'lynx: not found' >&2; echo \"xdg-open: no method available for opening '$1'\" >&2; exit 3",
        );
        let failed = run(&steps, Some(bin.path().as_os_str())).unwrap_err();
        assert_eq!(
            failed.detail(),
            format!(
                "lp: not installed; xdg-open: xdg-open: no method available for opening '{}'",
                file.display()
            )
        );
        // A viewer that keeps running (it is the viewer): opened.
        tool(bin.path(), "xdg-open", "exec /bin/sleep 5");
        assert!(matches!(
            run(&steps, Some(bin.path().as_os_str())),
            Ok(Outcome::Opened { .. })
        ));
        // A viewer but no lp: opened, and why it was not printed.
        tool(bin.path(), "xdg-open", "exit 0");
        assert_eq!(
            run(&steps, Some(bin.path().as_os_str())),
            Ok(Outcome::Opened {
                why: "lp: not installed".into()
            })
        );
        // lp without a printer set up: its own words are kept.
        tool(
            bin.path(),
            "lp",
            "echo 'lp: Error - no default destination available.' >&2; exit 1",
        );
        assert_eq!(
            run(&steps, Some(bin.path().as_os_str())),
            Ok(Outcome::Opened {
                why: "lp: lp: Error - no default destination available.".into()
            })
        );
    }

    #[cfg(unix)]
    #[test]
    fn lp_that_accepts_the_file_is_printing() {
        let bin = tempfile::tempdir().unwrap();
        let file = bin.path().join("talon.pdf");
        let log = bin.path().join("args");
        tool(
            bin.path(),
            "lp",
            &format!("echo \"$@\" > '{}'", log.display()),
        );
        let steps = plan(Os::Unix, Action::Print, &file);
        assert_eq!(
            run(&steps, Some(bin.path().as_os_str())),
            Ok(Outcome::Printed)
        );
        let args = std::fs::read_to_string(log).unwrap();
        assert_eq!(args.trim(), format!("-- {}", file.display()));
    }
}
