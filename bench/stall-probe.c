/* Measures the machine itself: one SCHED_FIFO thread per CPU, pinned, waking every millisecond on an
 * absolute deadline (no GC, no JIT, nothing else to do). A wake-up later than 0.5 ms is a moment when that
 * CPU ran nothing of ours: a stall of the kernel or, on a virtual machine, of the host. Prints
 * "rt 1|0" once (whether real-time scheduling was granted), then "<CLOCK_MONOTONIC ms> <late ms>" for every
 * late wake-up, until killed. Used by bench/call.ts to tell a late reply packet's own lateness from the
 * machine's. argv[1]: real-time priority (above the RTP sender's). */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static int priority = 20;
static int realtime = 1;
static pthread_mutex_t out = PTHREAD_MUTEX_INITIALIZER;

static double ms(const struct timespec *t) { return t->tv_sec * 1e3 + t->tv_nsec / 1e6; }

static void *probe(void *arg) {
  long cpu = (long)arg;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  pthread_setaffinity_np(pthread_self(), sizeof set, &set);
  struct sched_param param = {.sched_priority = priority};
  if (pthread_setschedparam(pthread_self(), SCHED_FIFO, &param) != 0) realtime = 0;
  struct timespec next, now;
  clock_gettime(CLOCK_MONOTONIC, &next);
  for (;;) {
    next.tv_nsec += 1000000;
    if (next.tv_nsec >= 1000000000) { next.tv_nsec -= 1000000000; next.tv_sec++; }
    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
    clock_gettime(CLOCK_MONOTONIC, &now);
    double late = ms(&now) - ms(&next);
    if (late > 0.5) {
      pthread_mutex_lock(&out);
      printf("%.3f %.3f\n", ms(&now), late);
      pthread_mutex_unlock(&out);
    }
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1) priority = atoi(argv[1]);
  setvbuf(stdout, NULL, _IOLBF, 0);
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  pthread_t threads[256];
  for (long i = 0; i < cpus && i < 256; i++) pthread_create(&threads[i], NULL, probe, (void *)i);
  struct timespec settle = {0, 50000000};
  nanosleep(&settle, NULL);
  printf("rt %d\n", realtime);
  pthread_join(threads[0], NULL);
  return 0;
}
