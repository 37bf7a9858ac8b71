/* vmath.h - the elementwise functions of the network, vectorised and
 * bit-reproducible: e^x, tanh, the logistic sigmoid, GELU and its
 * derivative; and a deterministic double logarithm for reported losses.
 *
 * Each float function is a polynomial or rational approximation written
 * with an explicit order of IEEE operations (see simd-isa.h), accurate to
 * a few ulp (tests/core/test-vmath.c measures the error against libm), and
 * gives the same bits on the scalar, AVX2 and AVX-512 paths.  NaN in gives
 * NaN out, so a diverging network shows up in the loss.  y may equal x.
 * Not a libm replacement: domains are what the network needs.
 */
#ifndef NN_CORE_VMATH_H
#define NN_CORE_VMATH_H

#include <stddef.h>

/* vm_exp: y = e^x for x <= 88 (larger x gives e^88); 0 below -87.34. */
void vm_exp(float *y, const float *x, size_t n);
/* vm_tanh: y = tanh x. */
void vm_tanh(float *y, const float *x, size_t n);
/* vm_sigmoid: y = 1 / (1 + e^-x), computed without overflow. */
void vm_sigmoid(float *y, const float *x, size_t n);
/* vm_gelu: y = x * sigmoid(v), v = 2c(x + 0.044715 x^3), c = sqrt(2/pi);
 * this equals 0.5 x (1 + tanh(c(x + 0.044715 x^3))), the tanh form of
 * GELU (PyTorch's approximate='tanh'), without its cancellation. */
void vm_gelu(float *y, const float *x, size_t n);
/* vm_gelu_grad: dz = dh * gelu'(x), elementwise. */
void vm_gelu_grad(float *dz, const float *x, const float *dh, size_t n);

/* vm_tanh_grad: dz = dh * (1 - h^2); vm_sigmoid_grad: dz = dh * h (1 - h),
 * from the forward outputs h. */
void vm_tanh_grad(float *dz, const float *h, const float *dh, size_t n);
void vm_sigmoid_grad(float *dz, const float *h, const float *dh, size_t n);

/* vm_relu: h = max(0, z) (slope 0), or z > 0 ? z : slope z (leaky);
 * NaN passes through.  vm_relu_grad: dz = z > 0 ? dh : slope dh. */
void vm_relu(float *h, const float *z, float slope, size_t n);
void vm_relu_grad(float *dz, const float *z, const float *dh, float slope, size_t n);

/* One value through the same code (the scalar path). */
float vm_expf(float x);
float vm_tanhf(float x);
float vm_sigmoidf(float x);
float vm_geluf(float x);

/* nn_log: natural logarithm of a double by a fixed sequence of double
 * operations (no libm), for the losses nnlab prints, so they do not depend
 * on which libm variant a machine picks.  Within 1 ulp; nn_log(0) = -inf,
 * negative or NaN gives NaN. */
double nn_log(double x);

#endif
