"""PyTorch reference for the Ganvas benchmark: the same DCGAN as @ganvas/core and the same training step (one D
update on a real and a fake batch, one G update through D, BCE losses, Adam), timed per step, on the CPU or a
CUDA GPU.

Prints one JSON object on stdout: {"medianMs", "minMs", "maxMs", "samplesMs", "torchVersion", "threads",
"blas", "device", "deviceName"}; progress goes to stderr. On the CPU the caller pins threads
(OMP_NUM_THREADS=1) because with two threads beside any other busy process the step time swings several-fold.
On CUDA each step ends with torch.cuda.synchronize(), so the clock reads finished GPU work.

Example (the fast preset; @ganvas/bench reads the widths off core's models):
  python3 dcgan_step.py --image-size 32 --channels 1 --z-dim 100 --generator-channels 128,64,32 \\
      --discriminator-channels 16,32,64 --batch-size 64 --device cuda
"""

import argparse
import json
import statistics
import sys
import time

# PyTorch is imported only once the arguments are read, so that --help works on machines without it.

KERNEL = 4
DEVICES = ("cpu", "cuda")


def channel_list(text):
    return [int(part) for part in text.split(",")]


def build_generator(args):
    """z (N, zDim, 1, 1) -> 4x4, then each layer doubles the size (BN, ReLU) up to the image; tanh out."""
    from torch import nn

    layers = []
    in_channels = args.z_dim
    for index, out_channels in enumerate(args.generator_channels):
        first = index == 0
        layers += [
            nn.ConvTranspose2d(in_channels, out_channels, KERNEL, 1 if first else 2, 0 if first else 1, bias=False),
            nn.BatchNorm2d(out_channels),
            nn.ReLU(True),
        ]
        in_channels = out_channels
    layers += [nn.ConvTranspose2d(in_channels, args.channels, KERNEL, 2, 1, bias=True), nn.Tanh()]
    return nn.Sequential(*layers)


def build_discriminator(args):
    """Strided convs halve the size down to 4x4 (BN on all but the first, LeakyReLU 0.2), then 4x4 -> 1."""
    from torch import nn

    layers = []
    in_channels = args.channels
    for index, out_channels in enumerate(args.discriminator_channels):
        first = index == 0
        layers.append(nn.Conv2d(in_channels, out_channels, KERNEL, 2, 1, bias=first))
        if not first:
            layers.append(nn.BatchNorm2d(out_channels))
        layers.append(nn.LeakyReLU(0.2, inplace=True))
        in_channels = out_channels
    layers += [nn.Conv2d(in_channels, 1, KERNEL, 1, 0, bias=True), nn.Sigmoid(), nn.Flatten()]
    return nn.Sequential(*layers)


def init_weights(module):
    # The DCGAN paper's init, as core uses it: conv weights N(0, 0.02), BN gamma N(1, 0.02), biases 0.
    from torch import nn

    if isinstance(module, (nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.normal_(module.weight, 0.0, 0.02)
        if module.bias is not None:
            nn.init.zeros_(module.bias)
    elif isinstance(module, nn.BatchNorm2d):
        nn.init.normal_(module.weight, 1.0, 0.02)
        nn.init.zeros_(module.bias)


class DcganStep:
    """One DCGAN's networks (the same seed gives the same weights on every device), Adam optimisers (2e-4, betas
    0.5/0.999) and BCE loss; calling it on a real batch takes one training step and returns (D loss, G loss)."""

    def __init__(self, args, device):
        import torch
        from torch import nn

        self.device = device
        self.z_dim = args.z_dim
        self.generator = build_generator(args)
        self.discriminator = build_discriminator(args)
        # Initialised on the CPU, then moved: the same seed gives the same weights on every device.
        self.generator.apply(init_weights).to(device)
        self.discriminator.apply(init_weights).to(device)
        self.loss = nn.BCELoss()
        self.opt_d = torch.optim.Adam(self.discriminator.parameters(), lr=2e-4, betas=(0.5, 0.999))
        self.opt_g = torch.optim.Adam(self.generator.parameters(), lr=2e-4, betas=(0.5, 0.999))
        self.ones = torch.ones(args.batch_size, 1, device=device)
        self.zeros = torch.zeros(args.batch_size, 1, device=device)

    def __call__(self, real):
        import torch

        # D: real towards 1, fake (detached: G is not updated here) towards 0.
        self.discriminator.zero_grad()
        loss_real = self.loss(self.discriminator(real), self.ones)
        loss_real.backward()
        fake = self.generator(torch.randn(real.shape[0], self.z_dim, 1, 1, device=self.device))
        loss_fake = self.loss(self.discriminator(fake.detach()), self.zeros)
        loss_fake.backward()
        self.opt_d.step()
        # G, non-saturating: the same fake batch (one generator forward per step) through the updated D, towards 1.
        self.generator.zero_grad()
        loss_g = self.loss(self.discriminator(fake), self.ones)
        loss_g.backward()
        self.opt_g.step()
        return (loss_real + loss_fake).item(), loss_g.item()


def loaded_blas():
    """Which BLAS the process really mapped (Debian switches libblas.so.3 through alternatives)."""
    import torch

    torch.randn(8, 8) @ torch.randn(8, 8)  # BLAS is loaded lazily
    with open("/proc/self/maps", encoding="utf-8") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line}
    return " ".join(sorted(path.rsplit("/", 2)[-2] + "/" + path.rsplit("/", 1)[-1] for path in paths)) or "unknown"


def cpu_name():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def select_device(parser, name):
    """The torch device and its name; asking for CUDA where PyTorch sees none is an error, not a CPU run."""
    import torch

    if name == "cpu":
        return torch.device("cpu"), cpu_name()
    if not torch.cuda.is_available():
        parser.error(f"--device cuda: PyTorch {torch.__version__} sees no CUDA GPU (built for CUDA {torch.version.cuda})")
    device = torch.device("cuda")
    # Fixed shapes every step: let cuDNN pick its fastest conv algorithms (the warm-up steps pay for the search).
    torch.backends.cudnn.benchmark = True
    return device, torch.cuda.get_device_name(device)


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n", 1)[0].replace("\n", " "),
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--probe", action="store_true", help="print the torch version, BLAS and device as JSON, then exit")
    parser.add_argument("--device", choices=DEVICES, default="cpu", help="where to train: cpu (default) or cuda (the first CUDA GPU)")
    parser.add_argument("--image-size", type=int, help="image side in pixels, e.g. 32")
    parser.add_argument("--channels", type=int, help="image channels, e.g. 1")
    parser.add_argument("--z-dim", type=int, help="latent size, e.g. 100")
    # Channels after each hidden layer, read off core's built models, so both sides build the same shapes.
    parser.add_argument("--generator-channels", type=channel_list, help="channels after each hidden layer of G, e.g. 1024,512,256,128 (tutorial)")
    parser.add_argument("--discriminator-channels", type=channel_list, help="channels after each hidden layer of D, e.g. 64,128,256,512 (tutorial)")
    parser.add_argument("--batch-size", type=int, help="images per step, e.g. 64")
    parser.add_argument("--warmup", type=int, default=2, help="untimed steps first (default 2)")
    parser.add_argument("--steps", type=int, default=10, help="timed steps (default 10)")
    parser.add_argument("--threads", type=int, default=1, help="CPU threads for torch (default 1)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args()
    if not args.probe:
        shape = ("image_size", "channels", "z_dim", "batch_size", "generator_channels", "discriminator_channels")
        missing = ["--" + name.replace("_", "-") for name in shape if getattr(args, name) is None]
        if missing:
            parser.error(f"the model shape is incomplete: give {', '.join(missing)}")
    return parser, args


def main():
    parser, args = parse_args()
    try:
        import torch
    except ImportError as error:
        sys.exit(f"dcgan_step.py needs PyTorch ({error}); on Debian: apt-get install -y python3-torch libopenblas0-pthread")

    device, device_name = select_device(parser, args.device)
    if args.probe:
        print(json.dumps({"torchVersion": torch.__version__, "blas": loaded_blas(), "device": device.type, "deviceName": device_name}))
        return

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    step = DcganStep(args, device)
    real = torch.rand(args.batch_size, args.channels, args.image_size, args.image_size, device=device) * 2 - 1

    samples = []
    for i in range(args.warmup + args.steps):
        start = time.perf_counter()
        step(real)
        if device.type == "cuda":
            torch.cuda.synchronize()  # kernels run asynchronously: stop the clock when the GPU has finished
        elapsed = (time.perf_counter() - start) * 1000
        measured = i >= args.warmup
        if measured:
            samples.append(elapsed)
        what = f"run {i - args.warmup + 1}/{args.steps}" if measured else f"warm-up {i + 1}/{args.warmup}"
        print(f"  [pytorch {device.type}] {what}: {elapsed:,.1f} ms", file=sys.stderr, flush=True)

    print(json.dumps({
        "medianMs": statistics.median(samples),
        "minMs": min(samples),
        "maxMs": max(samples),
        "samplesMs": samples,
        "torchVersion": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": loaded_blas(),
        "device": device.type,
        "deviceName": device_name,
    }))


if __name__ == "__main__":
    main()
