//! Where a command's output goes: standard output, or a file written whole or not at all.
//!
//! A file output is written into a temporary file beside it and renamed over it only when the
//! command succeeds, so a refused input, a failed write or an interrupted run leaves an
//! existing file as it was. An output that is one of the command's inputs (by name, or through
//! a symbolic or hard link) is refused before anything is opened for writing. Interrupted by
//! Ctrl-C, SIGTERM or SIGHUP, the command removes its temporary file before it exits.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once, PoisonError};

use tempfile::NamedTempFile;

use crate::failure::Failure;

pub(crate) enum Output {
    Stdout(io::StdoutLock<'static>),
    /// A regular file, written beside its target and renamed over it on commit.
    File {
        path: PathBuf,
        target: PathBuf,
        temp: NamedTempFile,
    },
    /// A device or a named pipe (`/dev/stdout`, a FIFO), written directly: it cannot be
    /// replaced, and holds nothing to lose.
    Stream {
        path: PathBuf,
        file: File,
    },
}

impl Output {
    pub(crate) fn stdout() -> Output {
        Output::Stdout(io::stdout().lock())
    }

    /// A file output at `path`, which must not be any of `inputs`.
    pub(crate) fn file(path: &Path, inputs: &[&Path]) -> Result<Output, Failure> {
        for input in inputs {
            // An output that does not exist yet cannot be an input.
            if same_file::is_same_file(path, input).unwrap_or(false) {
                let which = if path == *input {
                    "the output is the input".to_owned()
                } else {
                    format!("the output is the input {} under another name", input.display())
                };
                return Err(Failure::Usage(format!("{}: {which}; write it to another file", path.display())));
            }
        }
        let existing = fs::metadata(path).ok();
        let mut builder = tempfile::Builder::new();
        builder.prefix(".smartlib-").suffix(".partial");
        let target = match &existing {
            Some(metadata) if metadata.is_dir() => {
                return Err(Failure::Usage(format!("{}: is a directory; name a file to write", path.display())));
            }
            Some(metadata) if !metadata.is_file() => {
                let file = OpenOptions::new().write(true).open(path).map_err(|error| Failure::io(path, error))?;
                return Ok(Output::Stream { path: path.to_owned(), file });
            }
            // Through a symbolic link to the file it names, as `>` would; keeping its mode.
            Some(metadata) => {
                builder.permissions(metadata.permissions());
                fs::canonicalize(path).map_err(|error| Failure::io(path, error))?
            }
            None => {
                // Read and write for everyone the umask allows, as a file made by `>` would be
                // (a temporary file is otherwise private to its owner).
                #[cfg(unix)]
                builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
                path.to_owned()
            }
        };
        let directory = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        remove_partial_output_on_interrupt();
        let temp = builder.tempfile_in(directory).map_err(|error| Failure::io(path, error))?;
        *partial() = Some(temp.path().to_owned());
        Ok(Output::File { path: path.to_owned(), target, temp })
    }

    /// The output's name in messages.
    pub(crate) fn name(&self) -> String {
        match self {
            Output::Stdout(_) => "standard output".to_owned(),
            Output::File { path, .. } | Output::Stream { path, .. } => path.display().to_string(),
        }
    }

    /// Puts a file output in place (nothing to do for standard output). Dropping an output
    /// without committing it removes the temporary file.
    pub(crate) fn commit(self) -> Result<(), Failure> {
        match self {
            Output::Stdout(mut out) => {
                out.flush().map_err(|error| Failure::Io { path: "standard output".into(), error })
            }
            Output::Stream { path, mut file } => file.flush().map_err(|error| Failure::io(&path, error)),
            Output::File { path, target, temp } => {
                temp.as_file().sync_all().map_err(|error| Failure::io(&path, error))?;
                let mut partial = partial();
                temp.persist(&target).map_err(|error| Failure::io(&path, error.error))?;
                *partial = None;
                Ok(())
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buffer: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(buffer),
            Output::File { temp, .. } => temp.write(buffer),
            Output::Stream { file, .. } => file.write(buffer),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::File { temp, .. } => temp.flush(),
            Output::Stream { file, .. } => file.flush(),
        }
    }
}

/// The temporary file of the output being written, if any.
fn partial() -> std::sync::MutexGuard<'static, Option<PathBuf>> {
    static PARTIAL: Mutex<Option<PathBuf>> = Mutex::new(None);
    PARTIAL.lock().unwrap_or_else(PoisonError::into_inner)
}

/// On Ctrl-C, SIGTERM or SIGHUP: removes the temporary file and exits with 130, as a shell
/// reports an interrupted command.
fn remove_partial_output_on_interrupt() {
    static HANDLER: Once = Once::new();
    HANDLER.call_once(|| {
        // Without a handler an interrupt still leaves the output untouched; only the temporary
        // file stays behind, so failing to install one is not worth refusing the command.
        let _ = ctrlc::set_handler(|| {
            if let Some(path) = partial().take() {
                let _ = std::fs::remove_file(path);
            }
            std::process::exit(130);
        });
    });
}
