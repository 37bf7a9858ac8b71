/* conv.c - patch gathering and max-pooling for images (see conv.h). */
#include <config.h>

#include "core/conv.h"

#include <stddef.h>
#include <string.h>

void
conv_im2col(const float *x, int rows, int h, int w, int c, int kh, int kw, float *col)
{
	int oh = h - kh + 1, ow = w - kw + 1;
	size_t in = (size_t)h * w * c, kc = (size_t)kw * c;
	for (int b = 0; b < rows; b++) {
		const float *img = x + (size_t)b * in;
		for (int oy = 0; oy < oh; oy++)
			for (int ox = 0; ox < ow; ox++)
				for (int ky = 0; ky < kh; ky++) {
					/* the kx, c run of a patch row is contiguous in the image */
					memcpy(col, img + ((size_t)(oy + ky) * w + ox) * c, kc * sizeof *col);
					col += kc;
				}
	}
}

void
conv_col2im(const float *dcol, int rows, int h, int w, int c, int kh, int kw, float *dx)
{
	int oh = h - kh + 1, ow = w - kw + 1;
	size_t in = (size_t)h * w * c, kc = (size_t)kw * c;
	memset(dx, 0, (size_t)rows * in * sizeof *dx);
	for (int b = 0; b < rows; b++) {
		float *img = dx + (size_t)b * in;
		for (int oy = 0; oy < oh; oy++)
			for (int ox = 0; ox < ow; ox++)
				for (int ky = 0; ky < kh; ky++) {
					float *d = img + ((size_t)(oy + ky) * w + ox) * c;
					for (size_t i = 0; i < kc; i++)
						d[i] += dcol[i];
					dcol += kc;
				}
	}
}

void
pool_forward(const float *x, int rows, int h, int w, int c, int p, float *y, int *arg)
{
	int oh = h / p, ow = w / p;
	size_t in = (size_t)h * w * c;
	for (int b = 0; b < rows; b++) {
		const float *img = x + (size_t)b * in;
		for (int oy = 0; oy < oh; oy++)
			for (int ox = 0; ox < ow; ox++)
				for (int ch = 0; ch < c; ch++) {
					int best = ((oy * p) * w + ox * p) * c + ch;
					for (int dy = 0; dy < p; dy++)
						for (int dx = 0; dx < p; dx++) {
							int i = ((oy * p + dy) * w + ox * p + dx) * c + ch;
							if (img[i] > img[best])
								best = i;
						}
					*y++ = img[best];
					*arg++ = best;
				}
	}
}

void
pool_backward(const float *dy, const int *arg, int rows, int in, int out, float *dx)
{
	memset(dx, 0, (size_t)rows * in * sizeof *dx);
	for (int b = 0; b < rows; b++)
		for (int o = 0; o < out; o++)
			dx[(size_t)b * in + arg[(size_t)b * out + o]] += dy[(size_t)b * out + o];
}
