//! What the benchmarks share: the region-scale database they measure, and a median.
// Each benchmark is its own crate and uses a part of this.
#![allow(dead_code)]

use chrono::NaiveDate;
use estu_core::{Store, demo};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The last day of the generated data (fixed, so every run measures the same file).
pub fn until() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 31).expect("valid")
}

/// The password of the encrypted benchmark file (`ESTU_BENCH_ENCRYPT`).
pub const BENCH_PASSWORD: &str = "benchmark-password";

/// The region-scale file (≈1,000,000 appeals, ≈50,000 meetings): `ESTU_BENCH_DB` when set,
/// else `region.db` in `dir`. Generated when missing, and the generation rate printed.
pub fn region_db(dir: &Path) -> PathBuf {
    let path = std::env::var("ESTU_BENCH_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|_| dir.join("region.db"));
    // ESTU_BENCH_ENCRYPT=1 measures an encrypted (SQLCipher) file: made with, and unlocked by,
    // the benchmark's own password, so that every connection the benchmark opens is keyed.
    let encrypt = std::env::var_os("ESTU_BENCH_ENCRYPT").is_some();
    if encrypt && path.exists() {
        let creds = estu_core::secure::Credentials::password(None, BENCH_PASSWORD);
        estu_core::safety::unlock(&path, Some(&creds)).expect("unlock the encrypted file");
    }
    if !path.exists() {
        let mut store = if encrypt {
            Store::create_encrypted(&path, &demo::profile(), "Администратор", BENCH_PASSWORD)
                .expect("create")
                .0
        } else {
            Store::create(&path, &demo::profile()).expect("create")
        };
        let t = Instant::now();
        let s = demo::generate(
            &mut store,
            &demo::Options::new(1, demo::Scale::Region, until()),
        )
        .expect("generate");
        let secs = t.elapsed().as_secs_f64();
        println!(
            "generate region: {} appeals, {} meetings, {} questions, {} plan items in {:.1} s = {:.0} appeals/s",
            s.appeals,
            s.meetings,
            s.questions,
            s.plan_items,
            secs,
            s.appeals as f64 / secs
        );
    }
    path
}

pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Resident and peak resident memory of this process, in MB (Linux `/proc/self/status`).
pub fn memory_mb() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| -> f64 {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    (field("VmRSS:"), field("VmHWM:"))
}
