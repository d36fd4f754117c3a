# Builds data/austen.tsv.gz: passages of Jane Austen's six novels labelled with their book.
#
# Source: the R package janeaustenr 1.0.0 (Julia Silge, MIT licence; the novels themselves are in the public
# domain, from Project Gutenberg). On Debian: `apt-get download r-cran-janeaustenr`, then
# `dpkg-deb -x r-cran-janeaustenr_*.deb pkg` and run, from the repository root,
#     Rscript data/convert/austen.R pkg/usr/lib/R/site-library/janeaustenr
# (any installed copy of the package works too: pass its folder). Written with R 4.2.
#
# Rules (the loader and the peer baselines rely on them):
#   * A book's text runs from its first chapter or volume heading to the line "THE END", "FINIS" or "A NOTE ON THE
#     TEXT" (exclusive), or to its last line; title pages, the Northanger Abbey preface and closing notes are dropped.
#   * Heading lines ("CHAPTER 12", "VOLUME II", "Chapter 3") are dropped; every other line is trimmed.
#   * Passages: consecutive non-empty lines are appended to the current passage (blank lines do not break it);
#     once it holds at least 50 whitespace-separated words it is closed. Lines are never split, so a passage has
#     50 to about 65 words. A last passage under 50 words is dropped.
#   * Labels in publication order: 0 sensesensibility, 1 prideprejudice, 2 mansfieldpark, 3 emma,
#     4 northangerabbey, 5 persuasion.
#   * Split, stratified by book: each book's passages are shuffled with set.seed(42) (R's default
#     Mersenne-Twister, sample.kind "Rejection"); the first round(10%) go to test, the next round(10%) to
#     validation, the rest to train. Rows are written in book order, then passage order.
# Output: tab-separated, gzip, header `split label book text`; texts contain no tabs or newlines.
args <- commandArgs(trailingOnly = TRUE)
pkg <- if (length(args) >= 1) args[1] else stop("usage: Rscript austen.R <janeaustenr package folder> [out file]")
out <- if (length(args) >= 2) args[2] else "data/austen.tsv.gz"
books <- c("sensesensibility", "prideprejudice", "mansfieldpark", "emma", "northangerabbey", "persuasion")
env <- new.env()
lazyLoad(file.path(pkg, "data", "Rdata"), envir = env)

passages <- function(lines) {
  lines <- trimws(gsub("\t", " ", lines))
  heading <- grepl("^(chapter|volume)\\s+[0-9ivxlc]+\\.?$", lines, ignore.case = TRUE, perl = TRUE)
  first <- which(heading)[1]
  end <- which(grepl("^(the end|finis|a note on the text)$", lines, ignore.case = TRUE, perl = TRUE))
  last <- if (length(end) > 0) end[1] - 1 else length(lines)
  keep <- lines[first:last][!heading[first:last]]
  keep <- keep[nzchar(keep)]
  result <- character(0)
  current <- character(0)
  words <- 0
  for (line in keep) {
    current <- c(current, line)
    words <- words + length(strsplit(line, "\\s+", perl = TRUE)[[1]])
    if (words >= 50) {
      result <- c(result, paste(current, collapse = " "))
      current <- character(0)
      words <- 0
    }
  }
  result
}

set.seed(42, kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")
rows <- list()
for (label in seq_along(books) - 1) {
  book <- books[label + 1]
  text <- passages(env[[book]])
  n <- length(text)
  order <- sample.int(n)
  n_test <- floor(n * 0.1 + 0.5)
  n_val <- floor(n * 0.1 + 0.5)
  split <- character(n)
  split[order[seq_len(n_test)]] <- "test"
  split[order[n_test + seq_len(n_val)]] <- "validation"
  split[order[(n_test + n_val + 1):n]] <- "train"
  rows[[book]] <- data.frame(split = split, label = label, book = book, text = text)
}
all <- do.call(rbind, rows)
con <- gzfile(out, "w")
write.table(all, con, sep = "\t", quote = FALSE, row.names = FALSE, col.names = TRUE, fileEncoding = "UTF-8")
close(con)
print(table(all$book, all$split)[books, c("train", "validation", "test")])
words <- lengths(strsplit(all$text, "\\s+", perl = TRUE))
cat("passages", nrow(all), "words min", min(words), "median", median(words), "max", max(words), "\n")
