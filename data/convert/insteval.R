# Builds data/insteval.csv.gz (ratings with a fixed split) and data/insteval_test_negatives.csv.gz (ranking
# candidates) from the InstEval data of the R package lme4.
#
# Source: InstEval, lecture evaluations by students at ETH Zurich, as shipped in lme4 1.1-31 (Bates, Maechler,
# Bolker, Walker; GPL-2 or later). On Debian: `apt-get download r-cran-lme4`, then
# `dpkg-deb -x r-cran-lme4_*.deb pkg` and run, from the repository root,
#     Rscript data/convert/insteval.R pkg/usr/lib/R/site-library/lme4
# Written with R 4.2.
#
# Rules:
#   * user = the student factor's code − 1 (0 … 2,971), item = the lecturer factor's code − 1 (0 … 1,127),
#     rating = y (1 … 5). The other columns (ages, service, department) are dropped. No (user, item) pair repeats.
#   * Split per user, set.seed(42) (Mersenne-Twister, sample.kind "Rejection"): each user's ratings, in the data's
#     order, are shuffled; the first floor(n/10) go to test, the next floor(n/10) to validation, the rest to train
#     (users with fewer than 10 ratings are all train). Then every validation or test rating of an item that has no
#     training rating is moved to train, so every user and item of validation and test is seen in training.
#   * Rows are written by user, each user's rows in the shuffled order.
#   * Ranking candidates (implicit feedback, "rated" = positive): for each user with a test rating, the first of
#     its test rows is the positive; 99 negatives are drawn without replacement, uniformly, from the items the
#     user rated in no split (continuing the same random stream, users in increasing order).
# Output: insteval.csv.gz, header `split,user,item,rating`; insteval_test_negatives.csv.gz, header
# `user,item,neg1,…,neg99` (item = the positive).
args <- commandArgs(trailingOnly = TRUE)
pkg <- if (length(args) >= 1) args[1] else stop("usage: Rscript insteval.R <lme4 package folder> [out folder]")
out <- if (length(args) >= 2) args[2] else "data"
env <- new.env()
lazyLoad(file.path(pkg, "data", "Rdata"), envir = env)
d <- env$InstEval
ratings <- data.frame(user = as.integer(d$s) - 1L, item = as.integer(d$d) - 1L, rating = as.integer(d$y))
stopifnot(!any(duplicated(ratings[, c("user", "item")])))
n_items <- nlevels(d$d)

set.seed(42, kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")
by_user <- split(seq_len(nrow(ratings)), ratings$user)
parts <- list()
for (u in names(by_user)) {
  rows <- by_user[[u]]
  n <- length(rows)
  rows <- rows[sample.int(n)]
  k <- n %/% 10
  split <- rep("train", n)
  split[seq_len(k)] <- "test"
  split[k + seq_len(k)] <- "validation"
  parts[[u]] <- data.frame(ratings[rows, ], split = split)
}
all <- do.call(rbind, parts)
train_items <- unique(all$item[all$split == "train"])
moved <- all$split != "train" & !(all$item %in% train_items)
all$split[moved] <- "train"
cat("moved to train (item unseen in training):", sum(moved), "\n")
all <- all[, c("split", "user", "item", "rating")]
con <- gzfile(file.path(out, "insteval.csv.gz"), "w")
write.csv(all, con, quote = FALSE, row.names = FALSE)
close(con)
print(table(all$split))
cat("users", length(unique(all$user)), "items", length(unique(all$item)),
    "test users", length(unique(all$user[all$split == "test"])), "\n")

test <- all[all$split == "test", ]
test <- test[!duplicated(test$user), ]
test <- test[order(test$user), ]
negatives <- matrix(0L, nrow(test), 99)
for (i in seq_len(nrow(test))) {
  rated <- all$item[all$user == test$user[i]]
  pool <- setdiff(0:(n_items - 1), rated)
  negatives[i, ] <- pool[sample.int(length(pool), 99)]
}
neg <- data.frame(user = test$user, item = test$item, negatives)
colnames(neg) <- c("user", "item", paste0("neg", 1:99))
con <- gzfile(file.path(out, "insteval_test_negatives.csv.gz"), "w")
write.csv(neg, con, quote = FALSE, row.names = FALSE)
close(con)
cat("ranking users", nrow(neg), "\n")
