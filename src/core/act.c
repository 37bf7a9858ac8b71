/* act.c - activation functions (see act.h). */
#include <config.h>

#include "core/act.h"
#include "core/vmath.h"

#include <stddef.h>
#include <string.h>

const char *const act_names[] = {
	"identity", "sigmoid", "tanh", "relu", "leaky_relu", "gelu", "softmax", NULL,
};

int
act_parse(const char *s)
{
	for (int i = 0; act_names[i]; i++)
		if (strcmp(act_names[i], s) == 0)
			return i;
	return -1;
}

/* One row: h = e^(z - max) / sum.  The sum runs left to right in float. */
static void
softmax_row(const float *z, float *h, int cols)
{
	float mx = z[0];
	for (int j = 1; j < cols; j++)
		if (z[j] > mx || mx != mx)
			mx = z[j];
	for (int j = 0; j < cols; j++)
		h[j] = z[j] - mx;
	vm_exp(h, h, (size_t)cols);
	float sum = 0;
	for (int j = 0; j < cols; j++)
		sum += h[j];
	for (int j = 0; j < cols; j++)
		h[j] /= sum;
}

void
act_forward(enum act_kind a, const float *z, float *h, int rows, int cols)
{
	size_t n = (size_t)rows * (size_t)cols;
	switch (a) {
	case ACT_IDENTITY:
		if (h != z)
			memcpy(h, z, n * sizeof *h);
		break;
	case ACT_SIGMOID:
		vm_sigmoid(h, z, n);
		break;
	case ACT_TANH:
		vm_tanh(h, z, n);
		break;
	case ACT_RELU:
		/* NaN passes through: a diverged net must show in the loss */
		vm_relu(h, z, 0.0f, n);
		break;
	case ACT_LEAKY_RELU:
		vm_relu(h, z, ACT_LEAKY_SLOPE, n);
		break;
	case ACT_GELU:
		vm_gelu(h, z, n);
		break;
	case ACT_SOFTMAX:
		for (int r = 0; r < rows; r++)
			softmax_row(z + (size_t)r * cols, h + (size_t)r * cols, cols);
		break;
	case ACT_COUNT:
		break;
	}
}

void
act_backward(enum act_kind a, const float *z, const float *h, const float *dh, float *dz, int rows,
             int cols)
{
	size_t n = (size_t)rows * (size_t)cols;
	switch (a) {
	case ACT_IDENTITY:
		if (dz != dh)
			memcpy(dz, dh, n * sizeof *dz);
		break;
	case ACT_SIGMOID:
		vm_sigmoid_grad(dz, h, dh, n);
		break;
	case ACT_TANH:
		vm_tanh_grad(dz, h, dh, n);
		break;
	case ACT_RELU:
		vm_relu_grad(dz, z, dh, 0.0f, n);
		break;
	case ACT_LEAKY_RELU:
		vm_relu_grad(dz, z, dh, ACT_LEAKY_SLOPE, n);
		break;
	case ACT_GELU:
		vm_gelu_grad(dz, z, dh, n);
		break;
	case ACT_SOFTMAX:
		for (int r = 0; r < rows; r++) {
			const float *hr = h + (size_t)r * cols, *dhr = dh + (size_t)r * cols;
			float *dzr = dz + (size_t)r * cols;
			float dot = 0;
			for (int j = 0; j < cols; j++)
				dot += dhr[j] * hr[j];
			for (int j = 0; j < cols; j++)
				dzr[j] = hr[j] * (dhr[j] - dot);
		}
		break;
	case ACT_COUNT:
		break;
	}
}
