//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/*`) through the same
//! `tsc::fuzzing` functions the libFuzzer targets call, on stable, as part of `make test`: an
//! input that once crashed a target (kept in its corpus) fails here if the bug comes back. Every
//! target must have a non-empty corpus directory, and every directory must name a target.

use std::path::Path;

#[test]
fn every_corpus_input_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut dirs: Vec<String> = std::fs::read_dir(&root)
        .expect("fuzz/corpus")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    let mut names: Vec<String> = tsc::fuzzing::TARGETS
        .iter()
        .map(|t| t.0.to_string())
        .collect();
    names.sort();
    assert_eq!(dirs, names, "fuzz/corpus/ has one directory per target");
    for (name, target) in tsc::fuzzing::TARGETS {
        let mut files: Vec<_> = std::fs::read_dir(root.join(name))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "fuzz/corpus/{name} is empty");
        for f in files {
            let data = std::fs::read(&f).unwrap();
            let run = std::panic::catch_unwind(|| target(&data));
            assert!(run.is_ok(), "{name} panics on {}", f.display());
        }
    }
}
