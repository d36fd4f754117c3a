# Sourced by the run.sh of benchmarks whose peer is PyTorch: prints the directory holding OpenBLAS's libblas.so.3,
# for the peer's LD_LIBRARY_PATH (Debian's torch otherwise uses whatever libblas.so.3 the alternatives select).
openblas_dir() {
    local lib candidate
    lib="$(ldconfig -p | awk '/libopenblas\.so\.0/ && !seen++ {print $NF}')"
    for candidate in "$(dirname "${lib:-/nonexistent/x}")/openblas-pthread" "$(dirname "$(readlink -f "${lib:-/nonexistent/x}")")"; do
        if [ -e "$candidate/libblas.so.3" ]; then echo "$candidate"; return 0; fi
    done
    echo "OpenBLAS (libopenblas0-pthread) not found; the peer would run on the reference BLAS." >&2
    return 1
}
