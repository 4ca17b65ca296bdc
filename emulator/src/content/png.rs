//! Deterministic preview images: small but real PNG files.
//!
//! The picture is a little bar chart in Tableau's default palette on a light
//! background (so a thumbnail looks like a viz thumbnail); the number of
//! bars, their lengths, orientation and colours derive from the seed, so
//! different views get different images and the same view always gets the
//! same bytes.
//!
//! Encoding: 8-bit RGB, no interlace, filter type 0 on every row; one IDAT
//! holding a zlib stream of a single fixed-Huffman deflate block (greedy
//! matching against the previous pixel and the previous row, which is all a
//! flat-colour chart needs), with its Adler-32; a CRC-32 on every chunk.

/// Largest width or height produced; larger requests are clamped.
pub const MAX_DIMENSION: u32 = 4096;

const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1A, b'\n'];

/// Tableau 10 palette (also the SVG images').
pub(crate) const PALETTE: [[u8; 3]; 10] = [
    [0x4E, 0x79, 0xA7],
    [0xF2, 0x8E, 0x2B],
    [0xE1, 0x57, 0x59],
    [0x76, 0xB7, 0xB2],
    [0x59, 0xA1, 0x4F],
    [0xED, 0xC9, 0x48],
    [0xB0, 0x7A, 0xA1],
    [0xFF, 0x9D, 0xA7],
    [0x9C, 0x75, 0x5F],
    [0xBA, 0xB0, 0xAC],
];
const BACKGROUND: [u8; 3] = [0xFA, 0xFA, 0xFA];
const TITLE_BAR: [u8; 3] = [0xE6, 0xE8, 0xEB];
const AXIS: [u8; 3] = [0x88, 0x88, 0x88];

/// A valid RGB PNG of `width` × `height` pixels (each clamped to
/// `1..=`[`MAX_DIMENSION`]) whose picture is derived from `seed`.
pub fn preview_png(seed: &str, width: u32, height: u32) -> Vec<u8> {
    let w = width.clamp(1, MAX_DIMENSION);
    let h = height.clamp(1, MAX_DIMENSION);
    let raw = render(seed, w, h);
    let idat = zlib_fixed(&raw, 1 + 3 * w as usize);

    let mut png = Vec::with_capacity(idat.len() + 64);
    png.extend_from_slice(&SIGNATURE);
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // depth 8, RGB, deflate, filter 0, no interlace
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &idat);
    chunk(&mut png, b"IEND", &[]);
    png
}

fn chunk(out: &mut Vec<u8>, ty: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(ty);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

// ----------------------------------------------------------------------------
// Picture
// ----------------------------------------------------------------------------

fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Scanlines (filter byte 0 + RGB triples) of the picture.
fn render(seed: &str, w: u32, h: u32) -> Vec<u8> {
    let mut st = fnv1a(seed);
    let bars = 3 + (splitmix(&mut st) % 7) as usize; // 3..=9
    let horizontal = splitmix(&mut st) % 3 == 0;
    let color0 = (splitmix(&mut st) % PALETTE.len() as u64) as usize;
    let multicolor = splitmix(&mut st) % 2 == 0;
    // Bar lengths in per-mille of the plot extent, 15 %..100 %.
    let lengths: Vec<u64> = (0..bars).map(|_| 150 + splitmix(&mut st) % 851).collect();
    let color_of = |i: usize| {
        if multicolor {
            PALETTE[(color0 + i) % PALETTE.len()]
        } else {
            PALETTE[color0]
        }
    };

    let (w64, h64) = (u64::from(w), u64::from(h));
    // Layout: title strip on top, margins, then the plot area.
    let title_h = h64 / 10;
    let margin_x = w64 / 12;
    let top = title_h + h64 / 16;
    let bottom = h64 - h64 / 12; // exclusive
    let left = margin_x;
    let right = w64 - margin_x; // exclusive

    let stride = 1 + 3 * w as usize;
    let mut raw = vec![0u8; stride * h as usize];
    for y in 0..h64 {
        let row = &mut raw[y as usize * stride..(y as usize + 1) * stride];
        row[0] = 0; // filter: none
        for x in 0..w64 {
            let px = pixel(
                x,
                y,
                (title_h, top, bottom, left, right),
                horizontal,
                &lengths,
                &color_of,
            );
            let o = 1 + 3 * x as usize;
            row[o..o + 3].copy_from_slice(&px);
        }
    }
    raw
}

fn pixel(
    x: u64,
    y: u64,
    (title_h, top, bottom, left, right): (u64, u64, u64, u64, u64),
    horizontal: bool,
    lengths: &[u64],
    color_of: &dyn Fn(usize) -> [u8; 3],
) -> [u8; 3] {
    if y < title_h {
        return TITLE_BAR;
    }
    if y >= bottom || x < left || x >= right || y < top {
        // The axes run along the left and bottom edges of the plot.
        let on_x_axis = y == bottom && x >= left && x < right;
        let on_y_axis = x + 1 == left && y >= top && y <= bottom;
        return if on_x_axis || on_y_axis {
            AXIS
        } else {
            BACKGROUND
        };
    }
    let n = lengths.len() as u64;
    // Position along the category axis and along the value axis.
    let (pos, extent, value, value_extent) = if horizontal {
        (y - top, bottom - top, x - left, right - left)
    } else {
        (x - left, right - left, bottom - 1 - y, bottom - top)
    };
    let slot = (pos * n / extent.max(1)).min(n - 1);
    let slot_start = slot * extent / n;
    let slot_len = ((slot + 1) * extent / n).saturating_sub(slot_start).max(1);
    let inner = pos - slot_start;
    // Bars fill the middle 70 % of their slot.
    let gap = slot_len * 15 / 100;
    if inner < gap || inner >= slot_len - gap {
        return BACKGROUND;
    }
    let bar_len = lengths[slot as usize] * value_extent / 1000;
    if value < bar_len {
        color_of(slot as usize)
    } else {
        BACKGROUND
    }
}

// ----------------------------------------------------------------------------
// zlib / deflate (fixed Huffman)
// ----------------------------------------------------------------------------

const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
const MAX_MATCH: usize = 258;
const MAX_DISTANCE: usize = 32768;

struct BitWriter {
    out: Vec<u8>,
    acc: u64,
    nbits: u32,
}

impl BitWriter {
    /// Appends the low `n` bits of `v`, least significant first.
    fn bits(&mut self, v: u32, n: u32) {
        debug_assert!(n <= 24);
        self.acc |= u64::from(v) << self.nbits;
        self.nbits += n;
        while self.nbits >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.nbits -= 8;
        }
    }

    /// Appends a Huffman code of `n` bits (codes are sent MSB first).
    fn code(&mut self, code: u32, n: u32) {
        let reversed = code.reverse_bits() >> (32 - n);
        self.bits(reversed, n);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.nbits > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }

    fn literal(&mut self, sym: u16) {
        let s = u32::from(sym);
        match s {
            0..=143 => self.code(0x30 + s, 8),
            144..=255 => self.code(0x190 + s - 144, 9),
            256..=279 => self.code(s - 256, 7),
            _ => self.code(0xC0 + s - 280, 8),
        }
    }

    fn copy(&mut self, len: usize, dist: usize) {
        let li = LEN_BASE
            .iter()
            .rposition(|&b| usize::from(b) <= len)
            .unwrap_or(0);
        self.literal(257 + li as u16);
        if LEN_EXTRA[li] > 0 {
            self.bits(
                (len - usize::from(LEN_BASE[li])) as u32,
                u32::from(LEN_EXTRA[li]),
            );
        }
        let di = DIST_BASE
            .iter()
            .rposition(|&b| usize::from(b) <= dist)
            .unwrap_or(0);
        self.code(di as u32, 5);
        if DIST_EXTRA[di] > 0 {
            self.bits(
                (dist - usize::from(DIST_BASE[di])) as u32,
                u32::from(DIST_EXTRA[di]),
            );
        }
    }
}

/// A zlib stream (header 78 01, one fixed-Huffman block, Adler-32) of
/// `data`. `row` is the scanline length, tried as a match distance.
fn zlib_fixed(data: &[u8], row: usize) -> Vec<u8> {
    let mut w = BitWriter {
        out: Vec::with_capacity(data.len() / 8 + 64),
        acc: 0,
        nbits: 0,
    };
    w.out.extend_from_slice(&[0x78, 0x01]);
    w.bits(1, 1); // BFINAL
    w.bits(1, 2); // BTYPE = 01, fixed Huffman
    let candidates = [3usize, row, 1];
    let mut i = 0;
    while i < data.len() {
        let mut best = (0usize, 0usize);
        for &d in &candidates {
            if d == 0 || d > i || d > MAX_DISTANCE {
                continue;
            }
            let max = MAX_MATCH.min(data.len() - i);
            let mut l = 0;
            while l < max && data[i + l] == data[i + l - d] {
                l += 1;
            }
            if l > best.0 {
                best = (l, d);
            }
        }
        if best.0 >= 3 {
            w.copy(best.0, best.1);
            i += best.0;
        } else {
            w.literal(u16::from(data[i]));
            i += 1;
        }
    }
    w.literal(256); // end of block
    let mut out = w.finish();
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

// ----------------------------------------------------------------------------
// Checksums
// ----------------------------------------------------------------------------

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
};

/// CRC-32 (ISO-HDLC, as used by PNG and zip).
pub(crate) fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c = CRC_TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

/// Adler-32 (zlib).
pub(crate) fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65521;
    let (mut a, mut b) = (1u32, 0u32);
    // 5552 is the largest n for which the sums cannot overflow u32.
    for block in data.chunks(5552) {
        for &x in block {
            a += u32::from(x);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_known_values() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
        assert_eq!(adler32(b""), 1);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        let big = vec![0xFFu8; 100_000];
        // Reference: the definition, computed the slow way.
        let (mut a, mut b) = (1u64, 0u64);
        for &x in &big {
            a = (a + u64::from(x)) % 65521;
            b = (b + a) % 65521;
        }
        assert_eq!(adler32(&big), ((b << 16) | a) as u32);
    }

    #[test]
    fn length_and_distance_tables_are_consistent() {
        // Code 284 (index 27) stops at 257: 258 has its own code, 285.
        for i in 0..27 {
            assert_eq!(
                LEN_BASE[i] + (1 << LEN_EXTRA[i]),
                LEN_BASE[i + 1],
                "len {i}"
            );
        }
        for i in 0..29 {
            assert_eq!(
                DIST_BASE[i] + (1 << DIST_EXTRA[i]),
                DIST_BASE[i + 1],
                "dist {i}"
            );
        }
    }

    /// Decodes with Python's zlib (when available) and compares with the
    /// scanlines that were encoded.
    #[test]
    fn zlib_stream_decodes_with_python() {
        if std::process::Command::new("python3")
            .args(["-c", "import zlib"])
            .output()
            .map(|o| !o.status.success())
            .unwrap_or(true)
        {
            eprintln!("python3 with zlib not available; skipped");
            return;
        }
        let dir = std::env::temp_dir().join(format!("tsc-content-png-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut cases: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"a".to_vec(),
            b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".to_vec(),
            (0..=255u8).collect(),
            render("x", 1, 1),
            render("Superstore/sheets/Overview", 97, 61),
            render("wide", 700, 20),
        ];
        let mut st = 7u64;
        cases.push((0..70_000).map(|_| splitmix(&mut st) as u8 % 4).collect());
        for (i, data) in cases.iter().enumerate() {
            let z = dir.join(format!("{i}.z"));
            let out = dir.join(format!("{i}.raw"));
            std::fs::write(&z, zlib_fixed(data, 1 + 3 * 97)).unwrap();
            let status = std::process::Command::new("python3")
                .args([
                    "-c",
                    "import sys, zlib; open(sys.argv[2], 'wb').write(zlib.decompress(open(sys.argv[1], 'rb').read()))",
                ])
                .arg(&z)
                .arg(&out)
                .status()
                .unwrap();
            assert!(status.success(), "python failed on case {i}");
            assert_eq!(&std::fs::read(&out).unwrap(), data, "case {i}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
