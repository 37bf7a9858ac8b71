/* act.h - activation functions, forward and backward, on [rows][cols]
 * row-major float matrices.
 *
 * identity, sigmoid, tanh, relu, leaky_relu (slope 0.01 below zero), gelu
 * (the tanh form) and softmax (across each row).  The transcendental ones
 * go through vmath.h, so they are bit-reproducible.  Not a layer: the
 * dense layer in model.c applies one of these after x.W + b.
 */
#ifndef NN_CORE_ACT_H
#define NN_CORE_ACT_H

enum act_kind {
	ACT_IDENTITY,
	ACT_SIGMOID,
	ACT_TANH,
	ACT_RELU,
	ACT_LEAKY_RELU,
	ACT_GELU,
	ACT_SOFTMAX,
	ACT_COUNT
};

#define ACT_LEAKY_SLOPE 0.01f

/* act_names: indexed by enum act_kind, NULL-terminated. */
extern const char *const act_names[];
/* act_parse: the kind named s, or -1. */
int act_parse(const char *s);

/* act_forward: h = act(z); h may equal z (not for softmax). */
void act_forward(enum act_kind a, const float *z, float *h, int rows, int cols);
/* act_backward: dz = dh * act'(z) elementwise, from z or h as each
 * derivative needs (tanh: 1 - h^2, sigmoid: h(1 - h), relu: z > 0, ...);
 * softmax: per row dz = h * (dh - sum(dh * h)).  dz may equal dh. */
void act_backward(enum act_kind a, const float *z, const float *h, const float *dh, float *dz,
                  int rows, int cols);

#endif
