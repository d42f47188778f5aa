"""A loopback TCP proxy that holds every HTTP request for a fixed delay before passing it
on, to measure how a client behaves when each AWS call costs a round trip to a far region.
Used by bench-discovery.py; listens on 127.0.0.1 only."""
import asyncio
import threading

METHODS = (b"GET ", b"POST ", b"PUT ", b"DELETE ", b"HEAD ", b"PATCH ")


class DelayProxy:
    def __init__(self, upstream_port: int, delay: float):
        self.upstream_port = upstream_port
        self.delay = delay
        self.port = None
        self.requests = 0
        # The raw bytes of each request that starts a read, in order; bench-discovery.py
        # replays them to time the emulator's own work for the same requests.
        self.recorded = []
        self._ready = threading.Event()
        self._loop = None
        threading.Thread(target=self._run, daemon=True).start()
        self._ready.wait(10)

    def _run(self):
        self._loop = asyncio.new_event_loop()
        server = self._loop.run_until_complete(asyncio.start_server(self._client, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    async def _pipe(self, reader, writer, delay_requests):
        try:
            while data := await reader.read(65536):
                if delay_requests and data.startswith(METHODS):
                    self.requests += 1
                    self.recorded.append(data)
                    await asyncio.sleep(self.delay)
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def _client(self, reader, writer):
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        await asyncio.gather(self._pipe(reader, up_writer, True), self._pipe(up_reader, writer, False))
