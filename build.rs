//! For Windows targets only: puts the icon and the version resource (the file's properties:
//! product, version, licence, from `[package.metadata.winresource]` and the package's version)
//! into `estu.exe`, through MinGW's `windres` when cross-building from Linux.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon/estu.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    const RUSSIAN: u16 = 0x0419;
    // windres runs in another folder: the icon's path must be absolute.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let icon = std::path::Path::new(&manifest_dir).join("assets/icon/estu.ico");
    let mut res = winresource::WindowsResource::new();
    res.set_icon(&icon.to_string_lossy()).set_language(RUSSIAN);
    if let Err(e) = res.compile() {
        panic!(
            "the Windows resource compiler failed (x86_64-w64-mingw32-windres from binutils-mingw-w64-x86-64): {e}"
        );
    }
}
