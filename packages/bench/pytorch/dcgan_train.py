"""PyTorch reference for Ganvas's quality benchmark (`pnpm bench -- --quality`): trains the same DCGAN as
dcgan_step.py (and @ganvas/core) on images the trainer exported, for a wall-clock budget, then draws samples.

The classic DCGAN recipe, as the PyTorch tutorial trains it: Adam 2e-4, betas 0.5/0.999, BCE, D then G each
step, the non-saturating G loss, shuffled batches (the last partial batch of an epoch dropped, as Ganvas does).

Both files are Ganvas image files (`export-data` writes them, `score-samples` reads them): one JSON header line,
then little-endian float32 pixels in [-1, 1], NHWC. The samples come from a seeded normal noise with G in
inference mode (batch-norm running statistics), as Ganvas draws the samples it scores.

Prints one JSON object on stdout: {"steps", "epochs", "trainingSeconds", "samples", "torchVersion", "threads"};
progress goes to stderr.

Example (the fast preset; @ganvas/bench reads the widths off core's models):
  python3 dcgan_train.py --data digits.bin --budget-seconds 180 --z-dim 100 --generator-channels 64,32,16 \\
      --discriminator-channels 16,32,64 --batch-size 64 --samples 1005 --out samples.bin
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dcgan_step import DcganStep, channel_list  # noqa: E402

FORMAT = "ganvas-images"
VERSION = 1


def read_images(path):
    """The header and the images as an (N, C, H, W) float32 tensor."""
    import numpy as np
    import torch

    with open(path, "rb") as file:
        header = json.loads(file.readline())
        payload = file.read()
    if header.get("format") != FORMAT or header.get("dtype") != "float32" or header.get("layout") != "NHWC":
        sys.exit(f"{path} is not a Ganvas image file (float32, NHWC)")
    shape = (header["count"], header["height"], header["width"], header["channels"])
    pixels = np.frombuffer(payload, dtype="<f4")
    if pixels.size != shape[0] * shape[1] * shape[2] * shape[3]:
        sys.exit(f"{path}: the header promises {shape}, the file holds {pixels.size} floats")
    return header, torch.from_numpy(pixels.reshape(shape).copy()).permute(0, 3, 1, 2).contiguous()


def write_images(path, images, dataset):
    """(N, C, H, W) images in [-1, 1] as a Ganvas image file."""
    count, channels, height, width = images.shape
    header = {
        "format": FORMAT,
        "version": VERSION,
        "dtype": "float32",
        "layout": "NHWC",
        "count": count,
        "height": height,
        "width": width,
        "channels": channels,
        "dataset": dataset,
    }
    pixels = images.permute(0, 2, 3, 1).contiguous().numpy().astype("<f4")
    temporary = f"{path}.tmp"
    with open(temporary, "wb") as file:
        file.write((json.dumps(header, separators=(",", ":")) + "\n").encode("utf-8"))
        file.write(pixels.tobytes())
    os.replace(temporary, path)  # a reader never sees half a file


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n", 1)[0].replace("\n", " "),
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--data", required=True, help="training images: a Ganvas image file (trainer export-data)")
    parser.add_argument("--budget-seconds", type=float, required=True, help="train until this much wall-clock time is used")
    parser.add_argument("--image-size", type=int, help="image side in pixels; checked against the data file's")
    parser.add_argument("--channels", type=int, help="image channels; checked against the data file's")
    parser.add_argument("--z-dim", type=int, required=True, help="latent size, e.g. 100")
    parser.add_argument("--generator-channels", type=channel_list, required=True, help="channels after each hidden layer of G")
    parser.add_argument("--discriminator-channels", type=channel_list, required=True, help="channels after each hidden layer of D")
    parser.add_argument("--batch-size", type=int, default=64, help="images per step (default 64)")
    parser.add_argument("--samples", type=int, default=1005, help="images to draw after training (default 1005)")
    parser.add_argument("--out", required=True, help="where the samples go: a Ganvas image file")
    parser.add_argument("--seed", type=int, default=1, help="seed for weights, shuffling and training noise (default 1)")
    parser.add_argument("--sample-seed", type=int, default=20151119, help="seed of the samples' noise")
    parser.add_argument("--threads", type=int, default=2, help="CPU threads for torch (default 2)")
    return parser.parse_args()


def main():
    args = parse_args()
    try:
        import torch
    except ImportError as error:
        sys.exit(f"dcgan_train.py needs PyTorch ({error}); on Debian: apt-get install -y python3-torch libopenblas0-pthread")

    torch.set_num_threads(args.threads)
    header, data = read_images(args.data)
    for flag, given, found in (("--image-size", args.image_size, header["height"]), ("--channels", args.channels, header["channels"])):
        if given is not None and given != found:
            sys.exit(f"{flag} {given}, but {args.data} holds images of {found}")
    args.channels = header["channels"]  # what build_generator / build_discriminator read
    count = data.shape[0]
    batches_per_epoch = count // args.batch_size
    if batches_per_epoch < 1:
        sys.exit(f"{count} images are fewer than one batch of {args.batch_size}")

    torch.manual_seed(args.seed)
    step = DcganStep(args, torch.device("cpu"))

    steps = 0
    started = time.perf_counter()
    elapsed = 0.0
    last_report = started
    while elapsed < args.budget_seconds:
        order = torch.randperm(count)
        for batch in range(batches_per_epoch):
            d_loss, g_loss = step(data[order[batch * args.batch_size : (batch + 1) * args.batch_size]])
            steps += 1
            now = time.perf_counter()
            elapsed = now - started
            if now - last_report >= 10:
                last_report = now
                print(f"  [pytorch train] step {steps}, {elapsed:.0f} s: D {d_loss:.3f}, G {g_loss:.3f}", file=sys.stderr, flush=True)
            if elapsed >= args.budget_seconds:
                break

    generator = step.generator
    generator.eval()  # batch-norm running statistics, as Ganvas's inference-mode samples
    noise = torch.randn(args.samples, args.z_dim, 1, 1, generator=torch.Generator().manual_seed(args.sample_seed))
    with torch.no_grad():
        samples = generator(noise).clamp(-1, 1)
    write_images(args.out, samples, header.get("dataset"))
    print(json.dumps({
        "steps": steps,
        "epochs": steps / batches_per_epoch,
        "trainingSeconds": elapsed,
        "samples": args.samples,
        "torchVersion": torch.__version__,
        "threads": torch.get_num_threads(),
    }))


if __name__ == "__main__":
    main()
