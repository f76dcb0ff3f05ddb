/* Measures outgoing RTP where it leaves: a packet socket on the loopback interface sees each packet as the
 * sender's sendto() hands it to the device, and the kernel stamps it then, so the receiver's own delays (the
 * simulator shares a busy event loop) are not in the figure. Prints "ready" once listening, then
 * "<destination port> <sequence number> <CLOCK_MONOTONIC ms>" for every outgoing RTP packet (UDP, version 2)
 * on loopback, until SIGTERM. Needs CAP_NET_RAW (root). Used by bench/telephony.ts. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/ip.h>
#include <netinet/udp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double ms(const struct timespec *t) { return t->tv_sec * 1e3 + t->tv_nsec / 1e6; }

static volatile sig_atomic_t stopping = 0;
static void stop(int signal) { (void)signal; stopping = 1; }

int main(void) {
  /* no SA_RESTART: SIGTERM interrupts the wait, and what is buffered is written out */
  struct sigaction onTerm = {.sa_handler = stop};
  sigaction(SIGTERM, &onTerm, NULL);
  /* every protocol: only such sockets are shown packets on their way out */
  int fd = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_ALL));
  if (fd < 0) {
    perror("wire-tap: packet socket (needs root or CAP_NET_RAW)");
    return 1;
  }
  struct sockaddr_ll where = {.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL), .sll_ifindex = (int)if_nametoindex("lo")};
  int on = 1, buffer = 16 << 20;
  if (bind(fd, (struct sockaddr *)&where, sizeof where) != 0 || setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) != 0) {
    perror("wire-tap: bind to lo");
    return 1;
  }
  setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &buffer, sizeof buffer);
  /* kernel stamps are wall-clock time; the benchmark works on the monotonic clock */
  struct timespec wall, mono;
  clock_gettime(CLOCK_REALTIME, &wall);
  clock_gettime(CLOCK_MONOTONIC, &mono);
  double toMonotonic = ms(&mono) - ms(&wall);
  setvbuf(stdout, NULL, _IOFBF, 1 << 16);
  printf("ready\n");
  fflush(stdout);
  unsigned char packet[2048];
  char control[256];
  while (!stopping) {
    struct sockaddr_ll from;
    struct iovec data = {.iov_base = packet, .iov_len = sizeof packet};
    struct msghdr msg = {.msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &data, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    ssize_t n = recvmsg(fd, &msg, 0);
    if (n < 0) continue;
    /* loopback shows each packet twice: keep the copy going out */
    if (from.sll_pkttype != PACKET_OUTGOING || from.sll_protocol != htons(ETH_P_IP)) continue;
    struct iphdr *ip = (struct iphdr *)packet;
    if (n < (ssize_t)sizeof *ip || ip->protocol != IPPROTO_UDP) continue;
    size_t ipLength = ip->ihl * 4u;
    if ((size_t)n < ipLength + sizeof(struct udphdr) + 12) continue;
    struct udphdr *udp = (struct udphdr *)(packet + ipLength);
    int port = ntohs(udp->dest);
    unsigned char *rtp = packet + ipLength + sizeof(struct udphdr);
    if ((rtp[0] >> 6) != 2) continue;
    struct timespec *stamp = NULL;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) stamp = (struct timespec *)CMSG_DATA(c);
    if (!stamp) continue;
    printf("%d %u %.4f\n", port, (unsigned)(rtp[2] << 8 | rtp[3]), ms(stamp) + toMonotonic);
  }
  fflush(stdout);
  return 0;
}
