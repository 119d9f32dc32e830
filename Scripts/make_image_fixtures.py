#!/usr/bin/env python3
"""Writes the image fixtures of Tests/RuntimeTests/Fixtures and their expected values.

Run by hand (needs numpy and Pillow; torch, if installed, cross-checks the resize reference):
    python3 Scripts/make_image_fixtures.py
The outputs are committed, so CI never runs this script.

* PNGs in every colour type and bit depth, written by the small encoder below straight from the PNG
  specification (all five row filters, Adam7 interlacing, palettes, tRNS), so that they can hold what
  Pillow cannot write (16-bit colour, 2-bit gray). Pillow re-reads each one as a check on the encoder.
* JPEGs written by Pillow (gray, RGB 4:2:0, progressive, CMYK); Pillow's decoding is the expectation.
* PGM/PPM in plain and raw form, 8 and 16 bit, with header comments.
* Broken files: a truncated PNG, a PNG with a bad IHDR checksum, a JPEG with corrupt scan data.
* `<name>.npy`: the decoded samples, float32 `[H, W, C]`, divided by the full-scale value.
* `preprocessing.json` + `pre_<case>.npy`: preprocessing cases and their `[1, C, H, W]` results,
  computed by the numpy reference below (float64).
"""
import io
import json
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

OUT = Path(__file__).resolve().parent.parent / "Tests" / "RuntimeTests" / "Fixtures"
RNG = np.random.default_rng(20240603)

# --- PNG encoder -------------------------------------------------------------------------------

CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # colour type -> samples per pixel
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def pack_row(row, depth):
    """One scanline's samples (1-D, interleaved) as bytes, MSB first for depths below 8."""
    if depth == 16:
        return row.astype(">u2").tobytes()
    if depth == 8:
        return row.astype(np.uint8).tobytes()
    per_byte = 8 // depth
    padded = np.concatenate([row, np.zeros((-len(row)) % per_byte, dtype=row.dtype)]).astype(np.int64)
    shifts = 8 - depth * (np.arange(per_byte) + 1)
    return bytes((padded.reshape(-1, per_byte) << shifts).sum(axis=1).astype(np.uint8))


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def filter_row(kind, row, previous, bpp):
    out = bytearray(len(row))
    for i, x in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        b = previous[i]
        c = previous[i - bpp] if i >= bpp else 0
        predictor = [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]
        out[i] = (x - predictor) % 256
    return bytes([kind]) + bytes(out)


def scanlines(samples, depth, bpp):
    """Filtered scanlines of an [H, W, C] array, cycling through the five filter types."""
    data = b""
    previous = None
    for y, row in enumerate(samples):
        raw = pack_row(row.reshape(-1), depth)
        previous = previous or bytes(len(raw))
        data += filter_row(y % 5, raw, previous, bpp)
        previous = raw
    return data


def encode_png(samples, color_type, depth, palette=None, trns=None, interlace=False):
    height, width, channels = samples.shape
    assert channels == CHANNELS[color_type]
    bpp = max(1, channels * depth // 8)
    if interlace:
        raw = b"".join(scanlines(samples[y0::dy, x0::dx], depth, bpp)
                       for x0, y0, dx, dy in ADAM7 if samples[y0::dy, x0::dx].size)
    else:
        raw = scanlines(samples, depth, bpp)
    body = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, int(interlace)))
    if palette is not None:
        body += chunk(b"PLTE", palette.astype(np.uint8).tobytes())
    if trns is not None:
        body += chunk(b"tRNS", trns)
    compressed = zlib.compress(raw, 9)
    # Two IDAT chunks, so the decoder has to join them.
    body += chunk(b"IDAT", compressed[: len(compressed) // 2]) + chunk(b"IDAT", compressed[len(compressed) // 2:])
    return b"\x89PNG\r\n\x1a\n" + body + chunk(b"IEND", b"")


# --- expectations ------------------------------------------------------------------------------

def unit(values, full_scale):
    """Samples divided by their full-scale value, in float32 as the decoder computes them."""
    return np.float32(values) / np.float32(full_scale)


def save(name, data, expected):
    (OUT / name).write_bytes(data)
    np.save(OUT / (name.rsplit(".", 1)[0] + ".npy"), np.ascontiguousarray(expected, dtype=np.float32))


def write_pngs():
    height, width = 5, 7
    for depth in (1, 2, 4, 8, 16):
        gray = RNG.integers(0, 2 ** depth, (height, width, 1))
        data = encode_png(gray, 0, depth)
        save(f"gray{depth}.png", data, unit(gray, 2 ** depth - 1))
        check_with_pillow(data, gray, depth)
    for color_type, name in ((4, "graya"), (2, "rgb"), (6, "rgba")):
        for depth in (8, 16):
            samples = RNG.integers(0, 2 ** depth, (height, width, CHANNELS[color_type]))
            data = encode_png(samples, color_type, depth)
            save(f"{name}{depth}.png", data, unit(samples, 2 ** depth - 1))
            check_with_pillow(data, samples, depth)
    for depth in (1, 2, 4, 8):
        palette = RNG.integers(0, 256, (2 ** depth, 3))
        indices = RNG.integers(0, 2 ** depth, (height, width, 1))
        data = encode_png(indices, 3, depth, palette=palette)
        save(f"palette{depth}.png", data, unit(palette[indices[..., 0]], 255))
        assert np.array_equal(np.asarray(Image.open(io.BytesIO(data)).convert("RGB")), palette[indices[..., 0]])
    write_transparent_pngs(height, width)
    samples = RNG.integers(0, 256, (9, 11, 3))
    save("rgb8_interlaced.png", encode_png(samples, 2, 8, interlace=True), unit(samples, 255))
    check_with_pillow((OUT / "rgb8_interlaced.png").read_bytes(), samples, 8)


def write_transparent_pngs(height, width):
    # Palette with tRNS shorter than the palette: the remaining entries are opaque.
    palette = RNG.integers(0, 256, (16, 3))
    alpha = RNG.integers(0, 256, 10)
    indices = RNG.integers(0, 16, (height, width, 1))
    full_alpha = np.concatenate([alpha, np.full(6, 255)])
    rgba = np.concatenate([palette[indices[..., 0]], full_alpha[indices]], axis=2)
    save("palette4_trns.png", encode_png(indices, 3, 4, palette=palette, trns=bytes(alpha.astype(np.uint8))),
         unit(rgba, 255))
    # Gray and RGB with one transparent colour: alpha 0 there, full elsewhere.
    gray = RNG.integers(0, 4, (height, width, 1)) * 60
    gray_alpha = np.concatenate([gray, np.where(gray == 120, 0, 255)], axis=2)
    save("gray8_trns.png", encode_png(gray, 0, 8, trns=struct.pack(">H", 120)), unit(gray_alpha, 255))
    rgb = RNG.integers(0, 2, (height, width, 3)) * 65535
    key = np.all(rgb == [65535, 0, 65535], axis=2, keepdims=True)
    rgb_alpha = np.concatenate([rgb, np.where(key, 0, 65535)], axis=2)
    save("rgb16_trns.png", encode_png(rgb, 2, 16, trns=struct.pack(">HHH", 65535, 0, 65535)), unit(rgb_alpha, 65535))


def check_with_pillow(data, samples, depth):
    """Pillow must read what the encoder wrote (8-bit modes; 16-bit gray; 1-bit gray)."""
    image = Image.open(io.BytesIO(data))
    if depth == 8 or image.mode in ("1", "I;16", "I"):
        decoded = np.asarray(image).astype(np.int64).reshape(samples.shape)
        assert np.array_equal(decoded, samples), image.mode


def write_jpegs():
    gray = (RNG.random((11, 13)) * 64 + np.linspace(0, 190, 13)).astype(np.uint8)
    rgb = (RNG.random((13, 11, 3)) * 64 + np.linspace(0, 190, 11)[:, None]).astype(np.uint8)
    cases = {
        "gray.jpg": (Image.fromarray(gray, "L"), {}),
        "rgb.jpg": (Image.fromarray(rgb, "RGB"), {"subsampling": "4:2:0"}),
        "rgb_progressive.jpg": (Image.fromarray(rgb, "RGB"), {"progressive": True, "subsampling": "4:4:4"}),
    }
    for name, (image, options) in cases.items():
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=90, **options)
        decoded = np.asarray(Image.open(io.BytesIO(buffer.getvalue()))).reshape(image.height, image.width, -1)
        save(name, buffer.getvalue(), unit(decoded, 255))
    buffer = io.BytesIO()
    Image.fromarray(rgb, "RGB").convert("CMYK").save(buffer, "JPEG", quality=90)
    (OUT / "cmyk.jpg").write_bytes(buffer.getvalue())
    # Scan data replaced by all-ones bits: no valid Huffman code.
    data = bytearray((OUT / "rgb.jpg").read_bytes())
    scan = data.index(b"\xff\xda")
    scan += 2 + struct.unpack(">H", data[scan + 2: scan + 4])[0]
    data[scan + 4: scan + 20] = b"\xff\x00" * 8
    (OUT / "corrupt.jpg").write_bytes(bytes(data))


def write_pnms():
    gray = RNG.integers(0, 16, (4, 6))
    text = "P2\n# plain gray, maxval 15\n6 4\n# a second comment\n15\n"
    text += "\n".join(" ".join(str(v) for v in row) for row in gray) + "\n"
    save("gray_p2.pgm", text.encode(), unit(gray[..., None], 15))
    rgb = RNG.integers(0, 256, (3, 5, 3))
    text = "P3 5 3 255\n" + "\n".join(" ".join(str(v) for v in row.reshape(-1)) for row in rgb)
    save("rgb_p3.ppm", text.encode(), unit(rgb, 255))
    gray = RNG.integers(0, 256, (4, 6))
    save("gray_p5.pgm", b"P5\n#comment\n6 4\n255\n" + gray.astype(np.uint8).tobytes(), unit(gray[..., None], 255))
    gray = RNG.integers(0, 1001, (4, 6))
    save("gray_p5_16.pgm", b"P5 6 4 1000\n" + gray.astype(">u2").tobytes(), unit(gray[..., None], 1000))
    rgb = RNG.integers(0, 256, (3, 5, 3))
    save("rgb_p6.ppm", b"P6\n5 3\n255\n" + rgb.astype(np.uint8).tobytes(), unit(rgb, 255))
    rgb = RNG.integers(0, 65536, (3, 5, 3))
    save("rgb_p6_16.ppm", b"P6\n5 3\n65535\n" + rgb.astype(">u2").tobytes(), unit(rgb, 65535))
    for name in ("gray_p5.pgm", "rgb_p6.ppm", "gray_p2.pgm"):
        expected = np.load(OUT / name.replace(name[-4:], ".npy"))
        pillow = np.asarray(Image.open(OUT / name)).reshape(expected.shape)
        assert np.array_equal(pillow, np.round(expected * 255)), name


def write_broken_files():
    png = (OUT / "rgb8.png").read_bytes()
    (OUT / "truncated.png").write_bytes(png[: len(png) // 2])
    corrupt = bytearray(png)
    corrupt[29] ^= 0xFF  # the last byte of IHDR's CRC
    (OUT / "corrupt_crc.png").write_bytes(bytes(corrupt))


# --- preprocessing reference -------------------------------------------------------------------

def reference_taps(size, new_size):
    source = np.maximum((np.arange(new_size) + 0.5) * (size / new_size) - 0.5, 0)
    low = np.minimum(np.floor(source).astype(int), size - 1)
    return low, np.minimum(low + 1, size - 1), source - low


def reference_bilinear(planes, height, width):
    """Half-pixel-centre bilinear resampling of [C, H, W], without antialiasing."""
    top, bottom, wy = reference_taps(planes.shape[1], height)
    left, right, wx = reference_taps(planes.shape[2], width)
    rows = planes[:, top, :] * (1 - wy)[None, :, None] + planes[:, bottom, :] * wy[None, :, None]
    return rows[:, :, left] * (1 - wx) + rows[:, :, right] * wx


def reference_preprocess(image, p):
    """The documented steps of `Preprocessing` for an [H, W, C] image in [0, 1]."""
    color = image[..., :3] if image.shape[2] >= 3 else image[..., :1]
    if p["color"] == "gray" and color.shape[2] == 3:
        color = color @ np.array([0.299, 0.587, 0.114])[:, None]
    if p["color"] == "rgb" and color.shape[2] == 1:
        color = np.repeat(color, 3, axis=2)
    planes = color.transpose(2, 0, 1).astype(np.float64)
    height, width = p["height"], p["width"]
    if p["resize"] == "bilinear":
        planes = reference_bilinear(planes, height, width)
    elif p["resize"] == "center-crop":
        short = max(height, width) * 256 // 224
        h, w = planes.shape[1:]
        size = (short, short * w // h) if h <= w else (short * h // w, short)
        planes = reference_bilinear(planes, *size)
        top, left = (size[0] - height) // 2, (size[1] - width) // 2
        planes = planes[:, top: top + height, left: left + width]
    else:
        h, w = planes.shape[1:]
        framed = np.zeros((planes.shape[0], height, width))
        framed[:, (height - h) // 2: (height - h) // 2 + h, (width - w) // 2: (width - w) // 2 + w] = planes
        planes = framed
    mean = np.array(p["mean"])[:, None, None] if len(p["mean"]) > 1 else p["mean"][0]
    std = np.array(p["std"])[:, None, None] if len(p["std"]) > 1 else p["std"][0]
    planes = (planes * p["scale"] - mean) / std
    if p["channelOrder"] == "bgr" and planes.shape[0] == 3:
        planes = planes[::-1]
    return planes[None]


def check_against_torch():
    """The numpy resize reference equals PyTorch's bilinear interpolate (when torch is installed)."""
    try:
        import torch
    except ImportError:
        return
    planes = RNG.random((2, 12, 17))
    for size in ((7, 10), (20, 31), (12, 17), (5, 40)):
        ours = reference_bilinear(planes, *size)
        theirs = torch.nn.functional.interpolate(torch.from_numpy(planes)[None], size=size, mode="bilinear",
                                                 align_corners=False, antialias=False)[0].numpy()
        assert np.abs(ours - theirs).max() < 1e-12, size


def preprocessing(resize, color, height, width, scale=1, mean=(0,), std=(1,), order="rgb"):
    return {"resize": resize, "color": color, "channelOrder": order, "scale": scale,
            "mean": list(mean), "std": list(std), "height": height, "width": width}


def write_preprocessing_cases():
    landscape = RNG.integers(0, 256, (12, 17, 3))
    save("landscape.png", encode_png(landscape, 2, 8), unit(landscape, 255))
    portrait = RNG.integers(0, 256, (19, 8, 3))
    save("portrait.ppm", b"P6 8 19 255\n" + portrait.astype(np.uint8).tobytes(), unit(portrait, 255))
    imagenet = dict(mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225))
    cases = {
        "downscale_bgr": ("landscape.png", preprocessing("bilinear", "rgb", 7, 10, 255, (123.675, 116.28, 103.53),
                                                          (58.395, 57.12, 57.375), "bgr")),
        "upscale_gray": ("landscape.png", preprocessing("bilinear", "gray", 20, 31, 1, (0.5,), (0.25,))),
        "crop_landscape": ("landscape.png", preprocessing("center-crop", "rgb", 9, 9, **imagenet)),
        "crop_portrait": ("portrait.ppm", preprocessing("center-crop", "gray", 6, 6)),
        "pad_rgba_to_gray": ("rgba8.png", preprocessing("pad", "gray", 8, 10, 255)),
        "same_size_gray16_to_rgb": ("gray16.png", preprocessing("bilinear", "rgb", 5, 7, order="bgr")),
        "pad_palette_exact": ("palette4_trns.png", preprocessing("pad", "rgb", 5, 7)),
    }
    manifest = {}
    for name, (source, p) in cases.items():
        image = np.load(OUT / (source.rsplit(".", 1)[0] + ".npy")).astype(np.float64)
        np.save(OUT / f"pre_{name}.npy", np.ascontiguousarray(reference_preprocess(image, p), dtype=np.float32))
        manifest[name] = {"source": source, "preprocessing": p}
    (OUT / "preprocessing.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    write_pngs()
    write_jpegs()
    write_pnms()
    write_broken_files()
    check_against_torch()
    write_preprocessing_cases()
    total = sum(f.stat().st_size for f in OUT.iterdir())
    print(f"wrote {len(list(OUT.iterdir()))} files, {total} bytes, to {OUT}")


if __name__ == "__main__":
    main()
