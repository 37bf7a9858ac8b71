/* conv.h - the image kernels behind the conv and max-pool layers of
 * model.h: patch gathering (im2col) and its adjoint, and max-pooling.
 *
 * Images are channels-last: pixel (y, x) channel c of an H x W x C image
 * is element (y*W + x)*C + c of its row.  A conv layer is 'valid' with
 * stride 1: output pixel (oy, ox) sees input pixels (oy+ky, ox+kx) for
 * ky < KH, kx < KW, so the output is (H-KH+1) x (W-KW+1).  Its patch row
 * (one per output pixel, B*OH*OW rows in batch, then oy, then ox order)
 * holds KH*KW*C values in (ky, kx, c) order, matching W [KH*KW*C][K], so
 * the convolution is one matrix product: z = col . W + b.
 * Max-pool windows are P x P with stride P; the rows and columns left
 * over when P does not divide H or W are ignored.  Ties go to the first
 * maximum in (dy, dx) order.
 * Not a layer (model.c owns the buffers and the products).
 */
#ifndef NN_CORE_CONV_H
#define NN_CORE_CONV_H

/* conv_im2col: x [rows][H*W*C] -> col [rows*OH*OW][KH*KW*C]. */
void conv_im2col(const float *x, int rows, int h, int w, int c, int kh, int kw, float *col);
/* conv_col2im: dx [rows][H*W*C] = the sum, over every patch entry, of
 * dcol at the input pixel it came from (dx is overwritten). */
void conv_col2im(const float *dcol, int rows, int h, int w, int c, int kh, int kw, float *dx);
/* pool_forward: y [rows][(H/P)*(W/P)*C] = window maxima of x; arg holds
 * the index within the row of x of each maximum. */
void pool_forward(const float *x, int rows, int h, int w, int c, int p, float *y, int *arg);
/* pool_backward: dx [rows][H*W*C] = dy routed to the maxima (overwritten). */
void pool_backward(const float *dy, const int *arg, int rows, int in, int out, float *dx);

#endif
