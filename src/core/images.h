/* images.h - a small procedural image dataset for the convolution demos:
 * grey 12 x 12 pictures of four outline shapes at random sizes and
 * positions, with gaussian pixel noise.
 *
 * Classes, in label order: 0 square (the outline of an s x s box), 1 plus
 * (its middle row and middle column, index s/2), 2 x (its two diagonals),
 * 3 circle (the pixels whose distance from the box centre is within 0.6 of
 * the radius (s-1)/2).  A row is the image channels-last (conv.h) with one
 * channel: pixel (y, x) is feature y*12 + x; shape pixels are 1, the rest
 * 0, each plus noise*z.
 * Draw order, per image, images ordered by class then index i (as every
 * generator of dataset.h): the size s = 5 + rng_below(4) (5..8), the top
 * row y0 = rng_below(13 - s), the left column x0 = rng_below(13 - s),
 * then 144 normals z in pixel order (drawn whatever noise is).
 * Not the `data shapes` command (cmd-data.c) and not a file format.
 */
#ifndef NN_CORE_IMAGES_H
#define NN_CORE_IMAGES_H

#include "core/dataset.h"
#include "core/rng.h"

#define IMAGES_SIDE 12
#define IMAGES_CLASSES 4

/* images_class_names: indexed by label, NULL-terminated. */
extern const char *const images_class_names[];

/* images_shape: 1 if pixel (y, x) of an s x s box is on the stroke of
 * shape class c (coordinates relative to the box). */
int images_shape(int c, int s, int y, int x);
/* images_shapes: n_per_class images of every class (n_per_class >= 1,
 * 4 * n_per_class <= DATASET_MAX_ROWS), all in training. */
dataset *images_shapes(rng_t *r, int n_per_class, double noise);

#endif
