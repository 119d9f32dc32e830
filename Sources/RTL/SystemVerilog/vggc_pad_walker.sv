// Walks the padding of a LOAD's box (docs/ISA.md, "Timing"): the gaps between the DRAM rows the
// box holds, each a run of bytes back to back in SRAM (the first before the first row: the top
// padding rows and the first left padding; one between two rows of a plane: a right and a left
// padding; one between planes: a right padding, the bottom and top padding rows and a left
// padding; the last after the last row), cut into chunks of at most a bus width from each gap's
// start. It shows the next DRAM_PORTS chunks at once, port p the p-th from the current one
// (`valid[p]` while the padding has that chunk), wherever they lie, so a cycle fills the end of one
// gap and the start of the next. A data unit is a row of `unit_bytes`, or a plane's rows when the
// box has no left or right padding (`walked_rows = 1`), so every gap but the first and the last has
// bytes; a box read from nowhere (`reads` low) is one gap. `advance` takes every valid chunk of the
// cycle; `clear` starts the walk over. Port 0's position is in registers, each further port's is
// the chunk step of the one before, a chain of DRAM_PORTS steps, as in vggc_dma_walker; the unit's
// offsets are counted by adds of the row and plane steps.
module vggc_pad_walker (
    input  logic                                      clk,
    input  logic                                      rst_n,
    input  logic                                      clear,
    input  logic                                      advance,
    input  logic                                      reads,
    input  logic [15:0]                               depth,
    input  logic [15:0]                               walked_rows,
    input  logic [23:0]                               box_start,
    input  logic [23:0]                               box_bytes,
    input  logic [23:0]                               unit_bytes,
    input  logic [23:0]                               row_step,
    input  logic [23:0]                               plane_step,
    output logic [vggc_config_pkg::DRAM_PORTS-1:0]    valid,
    output logic [vggc_config_pkg::DRAM_PORTS*24-1:0] offset,
    output logic [vggc_config_pkg::DRAM_PORTS*5-1:0]  count,
    output logic                                      finishing,
    output logic                                      done
);
  localparam int PORTS = vggc_config_pkg::DRAM_PORTS;
  localparam int BUS_BYTES = vggc_config_pkg::DRAM_BUS_BITS / 8;

  // The walk's position: the next byte to fill; the next data unit's offset from `box_start`, its
  // plane's, its row and plane; whether the current gap is the last one.
  logic [23:0] position, unit_start, plane_start;
  logic [15:0] unit_row, unit_plane;
  logic last_gap;
  // The chain's position, and the position after the last port.
  logic [23:0] at_position, at_unit_start, at_plane_start, gap_end, chunk;
  logic [15:0] at_unit_row, at_unit_plane;
  logic at_last_gap, at_done;
  logic [23:0] next_position, next_unit_start, next_plane_start;
  logic [15:0] next_unit_row, next_unit_plane;
  logic next_last_gap, next_done;

  // Port p shows the position after p chunks from the registers. At each port, and after the
  // last, a position past the end of its gap moves to the next gap (after the next data unit), or
  // the walk is done after the last gap.
  always_comb begin
    {at_position, at_unit_start, at_plane_start, at_unit_row, at_unit_plane, at_last_gap, at_done} =
        {position, unit_start, plane_start, unit_row, unit_plane, last_gap, done};
    valid = '0;
    offset = '0;
    count = '0;
    for (int p = 0; p <= PORTS; p++) begin
      gap_end = at_last_gap || !reads ? box_bytes : box_start + at_unit_start;
      if (!at_done && at_position >= gap_end) begin
        if (at_last_gap || !reads) at_done = 1'b1;
        else begin
          at_position = box_start + at_unit_start + unit_bytes;
          at_last_gap = at_unit_row + 16'd1 == walked_rows && at_unit_plane + 16'd1 == depth;
          if (at_unit_row + 16'd1 < walked_rows) begin
            at_unit_row = at_unit_row + 16'd1;
            at_unit_start = at_unit_start + row_step;
          end else begin
            at_unit_row = '0;
            at_unit_plane = at_unit_plane + 16'd1;
            at_plane_start = at_plane_start + plane_step;
            at_unit_start = at_plane_start;
          end
          at_done = at_last_gap && at_position >= box_bytes;
        end
      end
      if (p < PORTS) begin
        gap_end = at_last_gap || !reads ? box_bytes : box_start + at_unit_start;
        chunk = at_done ? 24'd0 : gap_end - at_position;
        if (chunk > 24'(BUS_BYTES)) chunk = 24'(BUS_BYTES);
        valid[p] = !at_done;
        offset[24*p+:24] = at_position;
        count[5*p+:5] = 5'(chunk);
        at_position = at_position + chunk;
      end
    end
    {next_position, next_unit_start, next_plane_start, next_unit_row, next_unit_plane, next_last_gap, next_done} =
        {at_position, at_unit_start, at_plane_start, at_unit_row, at_unit_plane, at_last_gap, at_done};
  end
  assign finishing = next_done;

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) {position, unit_start, plane_start, unit_row, unit_plane, last_gap, done} <= '0;
    else if (clear) {position, unit_start, plane_start, unit_row, unit_plane, last_gap, done} <= '0;
    else if (advance)
      {position, unit_start, plane_start, unit_row, unit_plane, last_gap, done} <=
          {next_position, next_unit_start, next_plane_start, next_unit_row, next_unit_plane, next_last_gap, next_done};
  end
endmodule
