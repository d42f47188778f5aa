//! Reading an invite file handed to the app (a path on the command line, `private-deploy open
//! FILE`): only a regular file, only up to [`MAX_INVITE_BYTES`]. A device (`/dev/zero`), a
//! pipe or a huge file is refused before a byte is read, so nothing can make the app read
//! forever or wait for a writer.

use std::io::Read;
use std::path::Path;

use super::{InviteError, MAX_INVITE_BYTES};

/// The file's bytes, after checking what it is and its size; the read itself stops one byte
/// past the limit, in case the file grew since it was checked.
pub fn read_invite_file(path: &Path) -> Result<Vec<u8>, InviteError> {
    let shown = path.display().to_string();
    let unreadable = |err: std::io::Error| InviteError::Unreadable { path: shown.clone(), reason: err.to_string() };
    let metadata = std::fs::metadata(path).map_err(unreadable)?;
    check_kind(&shown, &metadata)?;
    let mut file = open_without_waiting(path).map_err(unreadable)?;
    // What was opened is what was checked: a file swapped for a pipe in between is refused.
    let metadata = file.metadata().map_err(unreadable)?;
    check_kind(&shown, &metadata)?;
    let mut bytes = Vec::with_capacity(metadata.len().min(MAX_INVITE_BYTES as u64) as usize);
    (&mut file).take(MAX_INVITE_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() > MAX_INVITE_BYTES {
        return Err(InviteError::TooLarge { size: bytes.len(), limit: MAX_INVITE_BYTES });
    }
    Ok(bytes)
}

fn check_kind(path: &str, metadata: &std::fs::Metadata) -> Result<(), InviteError> {
    if !metadata.is_file() {
        let what = if metadata.is_dir() { "a folder" } else { "not a regular file (a device, a pipe or a socket)" };
        return Err(InviteError::NotAFile { path: path.to_owned(), what: what.to_owned() });
    }
    let size = usize::try_from(metadata.len()).unwrap_or(usize::MAX);
    if size > MAX_INVITE_BYTES {
        return Err(InviteError::TooLarge { size, limit: MAX_INVITE_BYTES });
    }
    Ok(())
}

/// Opening a FIFO for reading waits for a writer; non-blocking, it returns at once.
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_invite_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("invite.json");
        std::fs::write(&path, b"{}").unwrap();
        assert_eq!(read_invite_file(&path).unwrap(), b"{}");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_that_never_ends_is_refused_before_reading() {
        let err = read_invite_file(Path::new("/dev/zero")).unwrap_err();
        assert!(matches!(err, InviteError::NotAFile { .. }), "{err}");
        assert!(err.to_string().contains("/dev/zero"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_with_no_writer_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fifo");
        assert!(std::process::Command::new("mkfifo").arg(&path).status().unwrap().success());
        // Run on a thread: a blocking open would hang the test instead of failing it.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(read_invite_file(&path)).unwrap());
        let result = rx.recv_timeout(std::time::Duration::from_secs(10)).expect("returned without a writer");
        assert!(matches!(result, Err(InviteError::NotAFile { .. })), "{result:?}");
    }

    #[test]
    fn a_folder_and_a_huge_file_are_refused_by_what_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_invite_file(dir.path()).unwrap_err();
        assert!(err.to_string().contains("a folder"), "{err}");

        let big = dir.path().join("big.json");
        let file = std::fs::File::create(&big).unwrap();
        // Sparse: two gigabytes on paper, nothing on disk.
        file.set_len(2 * 1024 * 1024 * 1024).unwrap();
        match read_invite_file(&big).unwrap_err() {
            InviteError::TooLarge { size, limit } => assert_eq!((size, limit), (2 << 30, MAX_INVITE_BYTES)),
            other => panic!("unexpected {other:?}"),
        }
    }
}
