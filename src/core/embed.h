/* embed.h - word embeddings learned by skip-gram with negative sampling
 * (word2vec), cosine similarity, nearest neighbours, and a principal
 * component projection to two dimensions for plotting.
 *
 * Legend: N words in the vocabulary ([UNK] included, never trained), D
 * dimensions.  Every word has an input vector (the embedding shown) and
 * an output ("context") vector.  For a centre word c and a word o within
 * the window on either side, one step lowers
 *   -log sigmoid(u_o . v_c) - sum over k negatives n of log sigmoid(-u_n . v_c)
 * by stochastic gradient descent, the negatives drawn from the unigram
 * distribution raised to the power 3/4; frequent words are subsampled with
 * word2vec's rule (keep with probability (sqrt(f/t) + 1) t/f, f the word's
 * share of the text, t the threshold `sample`, 0 for none); the learning
 * rate falls linearly from lr to lr/10^4 over the training.  Windows do
 * not reach across sentence breaks (EMBED_BREAK in the ids).  Not a
 * general optimiser, not GloVe.
 */
#ifndef NN_CORE_EMBED_H
#define NN_CORE_EMBED_H

#include <stddef.h>
#include <stdint.h>

#include "core/rng.h"
#include "core/vocab.h"

#define EMBED_MAX_DIM 300
#define EMBED_MAX_WORDS 20000
#define EMBED_BREAK (-1)   /* a sentence break among the ids of a text */

typedef struct embed {
	vocab *voc;           /* owned; id 0 is [UNK] */
	int dim, window, negative;
	float *vin;           /* [N][D] word vectors */
	float *vout;          /* [N][D] context vectors */
	double *cum;          /* [N] cumulative unigram^0.75 distribution */
	long epochs;          /* epochs completed */
	long pairs;           /* (centre, context) pairs trained */
	double last_loss;     /* mean loss of the last epoch */
} embed;

/* embed_new: vectors for the words of voc (taken over): input vectors
 * uniform in (-0.5/D, 0.5/D) drawn word by word from r, output vectors
 * zero. */
embed *embed_new(vocab *voc, int dim, int window, int negative, rng_t *r);
void embed_free(embed *e);

/* Training over the ids of a text (words outside the vocabulary already
 * dropped; EMBED_BREAK between sentences), in slices. */
typedef struct embed_trainer {
	embed *e;             /* not owned */
	int *ids;             /* [n] owned */
	size_t n;
	int *kept;            /* [n] the epoch's ids after subsampling */
	size_t nkept;
	double *keep_p;       /* [N] probability of keeping each word */
	long epochs;          /* epochs to run */
	long epoch;           /* the current one (0-based) */
	size_t pos;           /* next centre in kept */
	int started;          /* the first epoch's words are drawn */
	double lr0;
	double loss_sum;      /* this epoch */
	long loss_n;
	float *grad;          /* [D] */
} embed_trainer;

void embed_trainer_init(embed_trainer *tr, embed *e, const int *ids, size_t n, long epochs, double lr,
                        double sample);
void embed_trainer_free(embed_trainer *tr);
/* embed_trainer_run: up to max_centres centre words; 1 when all epochs
 * are done, else 0.  *epoch_done set to 1 when an epoch finished in this
 * call (e->last_loss then holds its mean loss). */
int embed_trainer_run(embed_trainer *tr, rng_t *r, long max_centres, int *epoch_done);
/* embed_trainer_progress: the fraction of the training done, 0..1. */
double embed_trainer_progress(const embed_trainer *tr);

/* embed_cosine: the cosine similarity of the input vectors of a and b
 * (0 if either is the zero vector). */
double embed_cosine(const embed *e, int a, int b);
/* embed_nearest: the k words (not [UNK], not w) most similar to w, by
 * cosine, best first, ties by lower id; returns how many (<= k). */
int embed_nearest(const embed *e, int w, int k, int *ids, double *sims);

/* embed_pca2: the projection of n points x [n][D] on their first two
 * principal components, into out [n][2]; frac[0..1] the share of the
 * variance each explains.  Each component's sign makes its largest
 * coordinate positive.  Power iteration in double on the covariance. */
void embed_pca2(const float *x, int n, int dim, float *out, double frac[2]);

uint64_t embed_checksum(const embed *e);

#endif
