//! Preview PNGs: structure, checksums (checked with an independent bitwise
//! CRC-32), determinism, and decodability by Python's zlib when available.

use tsc_emulator::content::{png::MAX_DIMENSION, preview_png};

/// Bitwise CRC-32 (no table), independent of the implementation under test.
fn crc32_bitwise(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

struct Chunk {
    ty: [u8; 4],
    data: Vec<u8>,
}

/// Splits a PNG into chunks, checking the signature, lengths and CRCs.
fn chunks(png: &[u8]) -> Vec<Chunk> {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "signature");
    let mut out = Vec::new();
    let mut i = 8;
    while i < png.len() {
        assert!(i + 12 <= png.len(), "truncated chunk header at {i}");
        let len = u32::from_be_bytes(png[i..i + 4].try_into().unwrap()) as usize;
        let ty: [u8; 4] = png[i + 4..i + 8].try_into().unwrap();
        let data = png[i + 8..i + 8 + len].to_vec();
        let crc = u32::from_be_bytes(png[i + 8 + len..i + 12 + len].try_into().unwrap());
        assert_eq!(
            crc,
            crc32_bitwise(&png[i + 4..i + 8 + len]),
            "CRC of chunk {}",
            String::from_utf8_lossy(&ty)
        );
        out.push(Chunk { ty, data });
        i += 12 + len;
    }
    assert_eq!(i, png.len(), "trailing bytes");
    out
}

fn check_structure(png: &[u8], w: u32, h: u32) -> Vec<u8> {
    let cs = chunks(png);
    assert_eq!(&cs[0].ty, b"IHDR");
    let ihdr = &cs[0].data;
    assert_eq!(ihdr.len(), 13);
    assert_eq!(u32::from_be_bytes(ihdr[0..4].try_into().unwrap()), w);
    assert_eq!(u32::from_be_bytes(ihdr[4..8].try_into().unwrap()), h);
    assert_eq!(
        &ihdr[8..],
        &[8, 2, 0, 0, 0],
        "8-bit RGB, deflate, no interlace"
    );
    assert_eq!(&cs.last().unwrap().ty, b"IEND");
    assert!(cs.last().unwrap().data.is_empty());
    let idat: Vec<u8> = cs
        .iter()
        .filter(|c| &c.ty == b"IDAT")
        .flat_map(|c| c.data.iter().copied())
        .collect();
    assert!(idat.len() >= 6);
    // zlib header: deflate, 32K window, FCHECK valid, no preset dictionary.
    assert_eq!(idat[0] & 0x0F, 8);
    assert_eq!((u16::from(idat[0]) << 8 | u16::from(idat[1])) % 31, 0);
    assert_eq!(idat[1] & 0x20, 0);
    idat
}

fn python_zlib() -> bool {
    std::process::Command::new("python3")
        .args(["-c", "import zlib"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

#[test]
fn structure_and_checksums() {
    for (seed, w, h) in [
        ("wb/sheets/Overview", 192, 192),
        ("x", 1, 1),
        ("Région 東京", 800, 600),
        ("tall", 7, 300),
        ("wide", 1200, 9),
    ] {
        let png = preview_png(seed, w, h);
        check_structure(&png, w, h);
    }
}

#[test]
fn clamps_dimensions() {
    check_structure(&preview_png("zero", 0, 0), 1, 1);
    check_structure(&preview_png("big", MAX_DIMENSION + 10, 2), MAX_DIMENSION, 2);
}

#[test]
fn deterministic_and_seed_dependent() {
    let a = preview_png("Superstore/sheets/Overview", 320, 240);
    assert_eq!(a, preview_png("Superstore/sheets/Overview", 320, 240));
    let distinct: std::collections::HashSet<Vec<u8>> = (0..20)
        .map(|i| preview_png(&format!("Superstore/sheets/Sheet{i}"), 320, 240))
        .collect();
    assert!(
        distinct.len() >= 18,
        "only {} distinct images",
        distinct.len()
    );
    // A flat-colour chart compresses well.
    assert!(a.len() < 320 * 240 * 3 / 10, "{} bytes", a.len());
}

#[test]
fn python_decodes_idat() {
    if !python_zlib() {
        eprintln!("python3 with zlib not available; skipped");
        return;
    }
    let dir = std::env::temp_dir().join(format!("tsc-content-pngpy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (i, (seed, w, h)) in [
        ("a", 192u32, 192u32),
        ("b", 1, 1),
        ("c", 640, 480),
        ("d", 33, 17),
    ]
    .into_iter()
    .enumerate()
    {
        let idat = check_structure(&preview_png(seed, w, h), w, h);
        let p = dir.join(format!("{i}.z"));
        std::fs::write(&p, &idat).unwrap();
        let out = std::process::Command::new("python3")
            .args([
                "-c",
                "import sys, zlib\n\
                 raw = zlib.decompress(open(sys.argv[1], 'rb').read())\n\
                 w, h = int(sys.argv[2]), int(sys.argv[3])\n\
                 stride = 1 + 3 * w\n\
                 assert len(raw) == h * stride, (len(raw), h * stride)\n\
                 assert all(raw[y * stride] == 0 for y in range(h)), 'filter bytes'\n\
                 print(len(raw))",
            ])
            .arg(&p)
            .arg(w.to_string())
            .arg(h.to_string())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "python: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let n: u64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
        assert_eq!(n, u64::from(h) * (1 + 3 * u64::from(w)));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
