//! On Windows `estu.exe` is a GUI program, so that no console window opens behind the app.
//! Started from a console with a command (`estu --version`, `estu form …`), it attaches to that
//! console so that what it prints is seen there.

/// Attaches to the console of the process that started this one, when there is one.
pub fn attach_parent_console() {
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
    }
    // SAFETY: AttachConsole takes a plain number and touches no memory of ours; it returns 0
    // when there is no console to attach to (started from Explorer), which leaves all as it was.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}
