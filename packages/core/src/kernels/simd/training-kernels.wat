;; Fused training kernels in WebAssembly SIMD, run on the tfjs wasm backend's own memory (imported), so
;; they read and write tensors in place. Pointers are byte offsets into that memory; `n` counts floats.
;; Activations are channels last: `c` floats per pixel. The batch-norm and bias kernels take `c` a multiple
;; of 4 (one f32x4 per 4 channels); Adam takes any length.
;;
;; Rebuild the embedded binary after editing: pnpm --filter @ganvas/core build:simd
(module
  (import "env" "memory" (memory 1))

  ;; acc[0..c) = sum over pixels of v (acc is zeroed first).
  (func $sum_channels (param $v i32) (param $n i32) (param $c i32) (param $acc i32)
    (local $row i32) (local $end i32) (local $k i32) (local $cb i32) (local $a i32)
    (local.set $cb (i32.shl (local.get $c) (i32.const 2)))
    (memory.fill (local.get $acc) (i32.const 0) (local.get $cb))
    (local.set $row (local.get $v))
    (local.set $end (i32.add (local.get $v) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $row) (local.get $end)))
      (local.set $k (i32.const 0))
      (block $row_done (loop $channels
        (br_if $row_done (i32.ge_u (local.get $k) (local.get $cb)))
        (local.set $a (i32.add (local.get $acc) (local.get $k)))
        (v128.store (local.get $a) (f32x4.add (v128.load (local.get $a)) (v128.load (i32.add (local.get $row) (local.get $k)))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $channels)))
      (local.set $row (i32.add (local.get $row) (local.get $cb)))
      (br $rows))))

  ;; Batch norm in training mode and the activation after it, act(z) = even * z + odd * |z| (linear,
  ;; ReLU, LeakyReLU). Three passes: the mean, the centred sum of squares, then x_hat and y. Per channel:
  ;; 1 / sigma and both moving averages (unbiased batch variance, as PyTorch), `mean` as scratch.
  (func (export "batch_norm_forward")
    (param $x i32) (param $n i32) (param $c i32) (param $gamma i32) (param $beta i32)
    (param $old_mean i32) (param $old_variance i32) (param $momentum f32) (param $epsilon f32)
    (param $even f32) (param $odd f32)
    (param $y i32) (param $x_hat i32) (param $inverse_std i32) (param $new_mean i32) (param $new_variance i32)
    (param $mean i32)
    (local $row i32) (local $end i32) (local $k i32) (local $cb i32) (local $a i32) (local $off i32)
    (local $count f32) (local $variance f32) (local $d v128) (local $h v128) (local $z v128)
    (local.set $cb (i32.shl (local.get $c) (i32.const 2)))
    (local.set $count (f32.convert_i32_u (i32.div_u (local.get $n) (local.get $c))))
    ;; pass 1: mean
    (call $sum_channels (local.get $x) (local.get $n) (local.get $c) (local.get $mean))
    (local.set $k (i32.const 0))
    (block $d1 (loop $l1
      (br_if $d1 (i32.ge_u (local.get $k) (local.get $cb)))
      (local.set $a (i32.add (local.get $mean) (local.get $k)))
      (f32.store (local.get $a) (f32.div (f32.load (local.get $a)) (local.get $count)))
      (local.set $k (i32.add (local.get $k) (i32.const 4)))
      (br $l1)))
    ;; pass 2: sum of (x - mean)^2 into inverse_std
    (memory.fill (local.get $inverse_std) (i32.const 0) (local.get $cb))
    (local.set $row (local.get $x))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (block $d2 (loop $l2
      (br_if $d2 (i32.ge_u (local.get $row) (local.get $end)))
      (local.set $k (i32.const 0))
      (block $d3 (loop $l3
        (br_if $d3 (i32.ge_u (local.get $k) (local.get $cb)))
        (local.set $d (f32x4.sub (v128.load (i32.add (local.get $row) (local.get $k))) (v128.load (i32.add (local.get $mean) (local.get $k)))))
        (local.set $a (i32.add (local.get $inverse_std) (local.get $k)))
        (v128.store (local.get $a) (f32x4.add (v128.load (local.get $a)) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $l3)))
      (local.set $row (i32.add (local.get $row) (local.get $cb)))
      (br $l2)))
    ;; per channel: 1 / sigma and the moving averages
    (local.set $k (i32.const 0))
    (block $d4 (loop $l4
      (br_if $d4 (i32.ge_u (local.get $k) (local.get $cb)))
      (local.set $a (i32.add (local.get $inverse_std) (local.get $k)))
      (local.set $variance (f32.div (f32.load (local.get $a)) (local.get $count)))
      (f32.store (local.get $a) (f32.div (f32.const 1) (f32.sqrt (f32.add (local.get $variance) (local.get $epsilon)))))
      (f32.store (i32.add (local.get $new_mean) (local.get $k))
        (f32.add (f32.mul (f32.load (i32.add (local.get $old_mean) (local.get $k))) (local.get $momentum))
                 (f32.mul (f32.load (i32.add (local.get $mean) (local.get $k))) (f32.sub (f32.const 1) (local.get $momentum)))))
      (f32.store (i32.add (local.get $new_variance) (local.get $k))
        (f32.add (f32.mul (f32.load (i32.add (local.get $old_variance) (local.get $k))) (local.get $momentum))
                 (f32.mul (f32.div (f32.mul (local.get $variance) (local.get $count)) (f32.max (f32.const 1) (f32.sub (local.get $count) (f32.const 1))))
                          (f32.sub (f32.const 1) (local.get $momentum)))))
      (local.set $k (i32.add (local.get $k) (i32.const 4)))
      (br $l4)))
    ;; pass 3: x_hat and y
    (local.set $off (i32.const 0))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $d5 (loop $l5
      (br_if $d5 (i32.ge_u (local.get $off) (local.get $end)))
      (local.set $k (i32.const 0))
      (block $d6 (loop $l6
        (br_if $d6 (i32.ge_u (local.get $k) (local.get $cb)))
        (local.set $h (f32x4.mul
          (f32x4.sub (v128.load (i32.add (local.get $x) (i32.add (local.get $off) (local.get $k)))) (v128.load (i32.add (local.get $mean) (local.get $k))))
          (v128.load (i32.add (local.get $inverse_std) (local.get $k)))))
        (v128.store (i32.add (local.get $x_hat) (i32.add (local.get $off) (local.get $k))) (local.get $h))
        (local.set $z (f32x4.add (f32x4.mul (local.get $h) (v128.load (i32.add (local.get $gamma) (local.get $k)))) (v128.load (i32.add (local.get $beta) (local.get $k)))))
        (v128.store (i32.add (local.get $y) (i32.add (local.get $off) (local.get $k)))
          (f32x4.add (f32x4.mul (f32x4.splat (local.get $even)) (local.get $z)) (f32x4.mul (f32x4.splat (local.get $odd)) (f32x4.abs (local.get $z)))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $l6)))
      (local.set $off (i32.add (local.get $off) (local.get $cb)))
      (br $l5))))

  ;; dz = dy * (y > 0 ? 1 : slope): the activation's derivative read off its output.
  (func $activation_gradient (param $dy v128) (param $y v128) (param $slope v128) (result v128)
    (f32x4.mul (local.get $dy) (v128.bitselect (v128.const f32x4 1 1 1 1) (local.get $slope) (f32x4.gt (local.get $y) (v128.const f32x4 0 0 0 0)))))

  ;; The batch-norm gradient: dbeta = sum(dz), dgamma = sum(dz * x_hat),
  ;; dx = gamma / sigma * (dz - dbeta / M - x_hat * dgamma / M). `scratch` holds 3 * c floats.
  (func (export "batch_norm_backward")
    (param $dy i32) (param $y i32) (param $x_hat i32) (param $gamma i32) (param $inverse_std i32)
    (param $n i32) (param $c i32) (param $slope f32)
    (param $dx i32) (param $d_gamma i32) (param $d_beta i32) (param $scratch i32)
    (local $off i32) (local $end i32) (local $k i32) (local $cb i32) (local $a i32)
    (local $count f32) (local $dz v128) (local $h v128) (local $s v128)
    (local $mean_dz i32) (local $mean_dz_h i32) (local $factor i32)
    (local.set $cb (i32.shl (local.get $c) (i32.const 2)))
    (local.set $count (f32.convert_i32_u (i32.div_u (local.get $n) (local.get $c))))
    (local.set $s (f32x4.splat (local.get $slope)))
    (local.set $mean_dz (local.get $scratch))
    (local.set $mean_dz_h (i32.add (local.get $scratch) (local.get $cb)))
    (local.set $factor (i32.add (local.get $mean_dz_h) (local.get $cb)))
    (memory.fill (local.get $d_gamma) (i32.const 0) (local.get $cb))
    (memory.fill (local.get $d_beta) (i32.const 0) (local.get $cb))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    ;; pass 1: both sums
    (local.set $off (i32.const 0))
    (block $d1 (loop $l1
      (br_if $d1 (i32.ge_u (local.get $off) (local.get $end)))
      (local.set $k (i32.const 0))
      (block $d2 (loop $l2
        (br_if $d2 (i32.ge_u (local.get $k) (local.get $cb)))
        (local.set $a (i32.add (local.get $off) (local.get $k)))
        (local.set $dz (call $activation_gradient (v128.load (i32.add (local.get $dy) (local.get $a))) (v128.load (i32.add (local.get $y) (local.get $a))) (local.get $s)))
        (local.set $h (v128.load (i32.add (local.get $x_hat) (local.get $a))))
        (v128.store (i32.add (local.get $d_beta) (local.get $k)) (f32x4.add (v128.load (i32.add (local.get $d_beta) (local.get $k))) (local.get $dz)))
        (v128.store (i32.add (local.get $d_gamma) (local.get $k)) (f32x4.add (v128.load (i32.add (local.get $d_gamma) (local.get $k))) (f32x4.mul (local.get $dz) (local.get $h))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $l2)))
      (local.set $off (i32.add (local.get $off) (local.get $cb)))
      (br $l1)))
    ;; per channel
    (local.set $k (i32.const 0))
    (block $d3 (loop $l3
      (br_if $d3 (i32.ge_u (local.get $k) (local.get $cb)))
      (f32.store (i32.add (local.get $mean_dz) (local.get $k)) (f32.div (f32.load (i32.add (local.get $d_beta) (local.get $k))) (local.get $count)))
      (f32.store (i32.add (local.get $mean_dz_h) (local.get $k)) (f32.div (f32.load (i32.add (local.get $d_gamma) (local.get $k))) (local.get $count)))
      (f32.store (i32.add (local.get $factor) (local.get $k)) (f32.mul (f32.load (i32.add (local.get $gamma) (local.get $k))) (f32.load (i32.add (local.get $inverse_std) (local.get $k)))))
      (local.set $k (i32.add (local.get $k) (i32.const 4)))
      (br $l3)))
    ;; pass 2: dx
    (local.set $off (i32.const 0))
    (block $d4 (loop $l4
      (br_if $d4 (i32.ge_u (local.get $off) (local.get $end)))
      (local.set $k (i32.const 0))
      (block $d5 (loop $l5
        (br_if $d5 (i32.ge_u (local.get $k) (local.get $cb)))
        (local.set $a (i32.add (local.get $off) (local.get $k)))
        (local.set $dz (call $activation_gradient (v128.load (i32.add (local.get $dy) (local.get $a))) (v128.load (i32.add (local.get $y) (local.get $a))) (local.get $s)))
        (local.set $h (v128.load (i32.add (local.get $x_hat) (local.get $a))))
        (v128.store (i32.add (local.get $dx) (local.get $a))
          (f32x4.mul (v128.load (i32.add (local.get $factor) (local.get $k)))
            (f32x4.sub (f32x4.sub (local.get $dz) (v128.load (i32.add (local.get $mean_dz) (local.get $k))))
                       (f32x4.mul (local.get $h) (v128.load (i32.add (local.get $mean_dz_h) (local.get $k)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $l5)))
      (local.set $off (i32.add (local.get $off) (local.get $cb)))
      (br $l4))))

  ;; y = x + bias, then act(z) = even * z + odd * |z| (linear, ReLU, LeakyReLU); sigmoid and tanh are
  ;; applied by the caller afterwards (wasm has no exp).
  (func (export "bias_activation_forward")
    (param $x i32) (param $bias i32) (param $n i32) (param $c i32) (param $even f32) (param $odd f32) (param $y i32)
    (local $off i32) (local $end i32) (local $k i32) (local $cb i32) (local $z v128) (local $e v128) (local $o v128)
    (local.set $cb (i32.shl (local.get $c) (i32.const 2)))
    (local.set $e (f32x4.splat (local.get $even)))
    (local.set $o (f32x4.splat (local.get $odd)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $off (i32.const 0))
    (block $d1 (loop $l1
      (br_if $d1 (i32.ge_u (local.get $off) (local.get $end)))
      (local.set $k (i32.const 0))
      (block $d2 (loop $l2
        (br_if $d2 (i32.ge_u (local.get $k) (local.get $cb)))
        (local.set $z (f32x4.add (v128.load (i32.add (local.get $x) (i32.add (local.get $off) (local.get $k)))) (v128.load (i32.add (local.get $bias) (local.get $k)))))
        (v128.store (i32.add (local.get $y) (i32.add (local.get $off) (local.get $k)))
          (f32x4.add (f32x4.mul (local.get $e) (local.get $z)) (f32x4.mul (local.get $o) (f32x4.abs (local.get $z)))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $l2)))
      (local.set $off (i32.add (local.get $off) (local.get $cb)))
      (br $l1))))

  ;; dx = dy * act'(y) and dbias = sum(dx). kind: 0 ReLU / LeakyReLU / linear (slope where y <= 0;
  ;; linear has slope 1), 1 sigmoid (y (1 - y)), 2 tanh (1 - y^2).
  (func (export "bias_activation_backward")
    (param $dy i32) (param $y i32) (param $n i32) (param $c i32) (param $kind i32) (param $slope f32)
    (param $dx i32) (param $d_bias i32)
    (local $off i32) (local $end i32) (local $k i32) (local $cb i32) (local $a i32)
    (local $g v128) (local $v v128) (local $s v128)
    (local.set $cb (i32.shl (local.get $c) (i32.const 2)))
    (local.set $s (f32x4.splat (local.get $slope)))
    (memory.fill (local.get $d_bias) (i32.const 0) (local.get $cb))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $off (i32.const 0))
    (block $d1 (loop $l1
      (br_if $d1 (i32.ge_u (local.get $off) (local.get $end)))
      (local.set $k (i32.const 0))
      (block $d2 (loop $l2
        (br_if $d2 (i32.ge_u (local.get $k) (local.get $cb)))
        (local.set $a (i32.add (local.get $off) (local.get $k)))
        (local.set $v (v128.load (i32.add (local.get $y) (local.get $a))))
        (local.set $g (v128.load (i32.add (local.get $dy) (local.get $a))))
        (local.set $g
          (if (result v128) (i32.eq (local.get $kind) (i32.const 0))
            (then (call $activation_gradient (local.get $g) (local.get $v) (local.get $s)))
            (else (if (result v128) (i32.eq (local.get $kind) (i32.const 1))
              (then (f32x4.mul (local.get $g) (f32x4.mul (local.get $v) (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $v)))))
              (else (f32x4.mul (local.get $g) (f32x4.sub (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $v) (local.get $v)))))))))
        (v128.store (i32.add (local.get $dx) (local.get $a)) (local.get $g))
        (v128.store (i32.add (local.get $d_bias) (local.get $k)) (f32x4.add (v128.load (i32.add (local.get $d_bias) (local.get $k))) (local.get $g)))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $l2)))
      (local.set $off (i32.add (local.get $off) (local.get $cb)))
      (br $l1))))

  ;; One Adam update of one weight, each operation rounded to float32 in the composed form's order:
  ;; m = m * b1 + g * (1 - b1); v = v * b2 + g^2 * (1 - b2); w = w - m / (sqrt(v) / c2 + eps) * step.
  (func $adam4 (param $w i32) (param $m i32) (param $v i32) (param $g i32) (param $w1 i32) (param $m1 i32) (param $v1 i32)
    (param $b1 v128) (param $nb1 v128) (param $b2 v128) (param $nb2 v128) (param $eps v128) (param $step v128) (param $c2 v128)
    (local $gv v128) (local $mv v128) (local $vv v128)
    (local.set $gv (v128.load (local.get $g)))
    (local.set $mv (f32x4.add (f32x4.mul (v128.load (local.get $m)) (local.get $b1)) (f32x4.mul (local.get $gv) (local.get $nb1))))
    (local.set $vv (f32x4.add (f32x4.mul (v128.load (local.get $v)) (local.get $b2)) (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (local.get $nb2))))
    (v128.store (local.get $m1) (local.get $mv))
    (v128.store (local.get $v1) (local.get $vv))
    (v128.store (local.get $w1)
      (f32x4.sub (v128.load (local.get $w))
        (f32x4.mul (f32x4.div (local.get $mv) (f32x4.add (f32x4.div (f32x4.sqrt (local.get $vv)) (local.get $c2)) (local.get $eps))) (local.get $step)))))

  (func (export "adam")
    (param $w i32) (param $m i32) (param $v i32) (param $g i32) (param $n i32)
    (param $beta1 f32) (param $one_minus_beta1 f32) (param $beta2 f32) (param $one_minus_beta2 f32)
    (param $epsilon f32) (param $step_size f32) (param $second_correction_root f32)
    (param $w1 i32) (param $m1 i32) (param $v1 i32)
    (local $off i32) (local $end i32) (local $tail i32)
    (local $b1 v128) (local $nb1 v128) (local $b2 v128) (local $nb2 v128) (local $eps v128) (local $step v128) (local $c2 v128)
    (local.set $b1 (f32x4.splat (local.get $beta1)))
    (local.set $nb1 (f32x4.splat (local.get $one_minus_beta1)))
    (local.set $b2 (f32x4.splat (local.get $beta2)))
    (local.set $nb2 (f32x4.splat (local.get $one_minus_beta2)))
    (local.set $eps (f32x4.splat (local.get $epsilon)))
    (local.set $step (f32x4.splat (local.get $step_size)))
    (local.set $c2 (f32x4.splat (local.get $second_correction_root)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $off (i32.const 0))
    (block $d1 (loop $l1
      (br_if $d1 (i32.ge_u (local.get $off) (local.get $end)))
      (call $adam4
        (i32.add (local.get $w) (local.get $off)) (i32.add (local.get $m) (local.get $off)) (i32.add (local.get $v) (local.get $off))
        (i32.add (local.get $g) (local.get $off)) (i32.add (local.get $w1) (local.get $off)) (i32.add (local.get $m1) (local.get $off))
        (i32.add (local.get $v1) (local.get $off))
        (local.get $b1) (local.get $nb1) (local.get $b2) (local.get $nb2) (local.get $eps) (local.get $step) (local.get $c2))
      (local.set $off (i32.add (local.get $off) (i32.const 16)))
      (br $l1)))
    ;; the last n mod 4 floats, one lane at a time (lane 0 of a splat, stored as f32)
    (local.set $tail (i32.shl (local.get $n) (i32.const 2)))
    (block $d2 (loop $l2
      (br_if $d2 (i32.ge_u (local.get $off) (local.get $tail)))
      (call $adam_scalar
        (i32.add (local.get $w) (local.get $off)) (i32.add (local.get $m) (local.get $off)) (i32.add (local.get $v) (local.get $off))
        (i32.add (local.get $g) (local.get $off)) (i32.add (local.get $w1) (local.get $off)) (i32.add (local.get $m1) (local.get $off))
        (i32.add (local.get $v1) (local.get $off))
        (local.get $beta1) (local.get $one_minus_beta1) (local.get $beta2) (local.get $one_minus_beta2) (local.get $epsilon) (local.get $step_size) (local.get $second_correction_root))
      (local.set $off (i32.add (local.get $off) (i32.const 4)))
      (br $l2))))

  (func $adam_scalar (param $w i32) (param $m i32) (param $v i32) (param $g i32) (param $w1 i32) (param $m1 i32) (param $v1 i32)
    (param $b1 f32) (param $nb1 f32) (param $b2 f32) (param $nb2 f32) (param $eps f32) (param $step f32) (param $c2 f32)
    (local $gv f32) (local $mv f32) (local $vv f32)
    (local.set $gv (f32.load (local.get $g)))
    (local.set $mv (f32.add (f32.mul (f32.load (local.get $m)) (local.get $b1)) (f32.mul (local.get $gv) (local.get $nb1))))
    (local.set $vv (f32.add (f32.mul (f32.load (local.get $v)) (local.get $b2)) (f32.mul (f32.mul (local.get $gv) (local.get $gv)) (local.get $nb2))))
    (f32.store (local.get $m1) (local.get $mv))
    (f32.store (local.get $v1) (local.get $vv))
    (f32.store (local.get $w1)
      (f32.sub (f32.load (local.get $w))
        (f32.mul (f32.div (local.get $mv) (f32.add (f32.div (f32.sqrt (local.get $vv)) (local.get $c2)) (local.get $eps))) (local.get $step)))))
)
